using System.Security.Cryptography;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Operations;

public sealed class NsmOperationsTests : NsmDashboardTestContext
{
    private readonly List<PcrChange> _changes = [];

    public NsmOperationsTests() => Services.GetRequiredService<PcrChangeNotifier>().Subscribe(_changes.Add);

    [Fact]
    public async Task Extend_returns_the_new_value_and_publishes_it_with_the_caller()
    {
        // Arrange
        byte[] data = [1, 2, 3];
        var caller = NsmCaller.Api("10.0.0.1") with { User = "script", Role = NsmDashboard.Web.Security.NsmRoles.Operator };

        // Act
        var pcr = await Operations.ExtendPcrAsync(16, data, caller, TestContext.Current.CancellationToken);

        // Assert: the spec's vector, SHA384(0^48 ‖ 010203) (docs/nsm-messages.md#hex-vectors)
        Assert.Equal("cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e", pcr.Hex);
        Assert.Equal(Convert.ToHexStringLower(SHA384.HashData([.. new byte[48], .. data])), pcr.Hex);
        var change = Assert.Single(_changes);
        Assert.Equal(PcrChangeKind.Extended, change.Kind);
        Assert.Equal(caller, change.Caller);
        Assert.Equal(pcr, Assert.Single(change.Pcrs));
    }

    [Fact]
    public async Task Lock_and_lock_range_publish_the_locked_PCRs()
    {
        // Act
        var locked = await Operations.LockPcrAsync(18, OtherOperator, TestContext.Current.CancellationToken);
        var range = await Operations.LockPcrsAsync(20, OtherOperator, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(locked.Locked);
        Assert.Equal(20, range.Count);
        Assert.All(range, p => Assert.True(p.Locked));
        Assert.Equal([PcrChangeKind.Locked, PcrChangeKind.RangeLocked], _changes.Select(c => c.Kind));
        Assert.Equal(20, _changes[1].Pcrs.Count);
        Assert.True((await ReadPcrAsync(19)).Locked);
        Assert.False((await ReadPcrAsync(20)).Locked);
    }

    [Theory]
    [InlineData((ushort)3, NsmErrorCode.ReadOnlyIndex)]
    [InlineData((ushort)32, NsmErrorCode.InvalidIndex)]
    public async Task A_refused_extend_throws_the_NSM_code_and_publishes_nothing(ushort index, NsmErrorCode code)
    {
        // Act
        var error = await Assert.ThrowsAnyAsync<NsmException>(
            () => Operations.ExtendPcrAsync(index, new byte[] { 1 }, OtherOperator, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(code, error.ErrorCode);
        Assert.Empty(_changes);
    }

    [Fact]
    public async Task Lock_range_over_the_PCR_count_is_refused()
    {
        var error = await Assert.ThrowsAnyAsync<NsmException>(
            () => Operations.LockPcrsAsync(33, OtherOperator, TestContext.Current.CancellationToken));

        Assert.Equal(NsmErrorCode.InvalidIndex, error.ErrorCode);
        Assert.Empty(_changes);
    }
}
