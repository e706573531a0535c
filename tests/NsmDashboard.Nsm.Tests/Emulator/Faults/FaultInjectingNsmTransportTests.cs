using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Emulator.Faults;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Emulator.Faults;

public sealed class FaultInjectingNsmTransportTests : IDisposable
{
    private readonly NsmFaultSchedule _schedule = new();
    private readonly FaultInjectingNsmTransport _transport;
    private readonly NsmClient _client;

    public FaultInjectingNsmTransportTests()
    {
        _transport = new FaultInjectingNsmTransport(new NsmEmulator(), _schedule);
        _client = new NsmClient(_transport);
    }

    public void Dispose() => _transport.Dispose();

    [Fact]
    public async Task Without_rules_it_answers_as_the_emulator_and_says_what_it_is()
    {
        var value = await _client.ExtendPcrAsync(16, "x"u8.ToArray(), TestContext.Current.CancellationToken);

        Assert.Equal(NsmTransportKind.Emulator, _transport.Kind);
        Assert.Contains("fault injection on", _transport.Description, StringComparison.Ordinal);
        Assert.Equal(value.ToArray(), PcrOf(16));
    }

    [Theory]
    [InlineData(NsmFaultKind.Eio, 5, "EIO")]
    [InlineData(NsmFaultKind.Etimedout, 110, "ETIMEDOUT")]
    [InlineData(NsmFaultKind.Einval, 22, "EINVAL")]
    public async Task An_errno_fault_is_the_device_exception_the_driver_would_give_and_the_module_never_sees_the_request(
        NsmFaultKind kind, int errno, string name)
    {
        _schedule.Set(new NsmFaultRule { Kind = kind, Operations = ["ExtendPCR"] });

        var error = await Assert.ThrowsAsync<NsmDeviceException>(
            async () => await _client.ExtendPcrAsync(16, "x"u8.ToArray(), TestContext.Current.CancellationToken));

        Assert.Equal(errno, error.Errno);
        Assert.Equal(name, error.ErrnoName);
        Assert.Equal("ioctl", error.Operation);
        Assert.Equal(NsmErrorCode.InternalError, error.ErrorCode);
        Assert.Equal(new byte[48], PcrOf(16));
    }

    [Fact]
    public async Task An_errno_fault_after_the_device_loses_the_answer_of_an_extend_that_was_applied()
    {
        _schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Etimedout, Phase = NsmFaultPhase.AfterDevice, Operations = ["ExtendPCR"] });

        await Assert.ThrowsAsync<NsmDeviceException>(
            async () => await _client.ExtendPcrAsync(16, "x"u8.ToArray(), TestContext.Current.CancellationToken));

        Assert.Equal(PcrExtension.FromZero("x"u8), PcrOf(16));
    }

    [Theory]
    [InlineData(NsmFaultKind.Truncated)]
    [InlineData(NsmFaultKind.Garbage)]
    public async Task A_spoiled_answer_is_a_protocol_error_and_the_extend_behind_it_was_applied(NsmFaultKind kind)
    {
        _schedule.Set(new NsmFaultRule { Kind = kind, Operations = ["ExtendPCR"], Limit = 1 });

        var error = await Assert.ThrowsAsync<NsmProtocolException>(
            async () => await _client.ExtendPcrAsync(16, "x"u8.ToArray(), TestContext.Current.CancellationToken));

        Assert.Equal(NsmErrorCode.InvalidResponse, error.ErrorCode);
        Assert.Equal(PcrExtension.FromZero("x"u8), PcrOf(16));
    }

    [Fact]
    public async Task A_slow_answer_is_the_right_answer_late()
    {
        _schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Slow, Delay = TimeSpan.FromMilliseconds(200), Operations = ["DescribeNSM"] });
        var started = TimeProvider.System.GetTimestamp();

        var module = await _client.DescribeNsmAsync(TestContext.Current.CancellationToken);

        Assert.Equal(32, module.MaxPcrs);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(190));
    }

    [Fact]
    public async Task After_clear_the_device_recovers()
    {
        _schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Eio });
        await Assert.ThrowsAsync<NsmDeviceException>(async () => await _client.DescribeNsmAsync(TestContext.Current.CancellationToken));

        _schedule.Clear();

        Assert.Equal(32, (await _client.DescribeNsmAsync(TestContext.Current.CancellationToken)).MaxPcrs);
    }

    [Fact]
    public void Oversized_requests_are_refused_as_the_driver_refuses_them_whatever_the_schedule()
    {
        _schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Garbage });

        var error = Assert.Throws<NsmDeviceException>(() => _transport.Exchange(new byte[NsmLimits.RequestMaxSize + 1], new byte[NsmLimits.ResponseMaxSize]));

        Assert.Equal(NsmErrorCode.InputTooLarge, error.ErrorCode);
        Assert.Equal(0, _schedule.InjectedCount);
    }

    private byte[] PcrOf(ushort index)
    {
        var response = (DescribePcrResponse)NsmCbor.DecodeResponse(
            EmulatorTestKit.Exchange(_transport.Emulator, NsmCbor.EncodeRequest(new DescribePcrRequest(index))));
        return response.Data.ToArray();
    }
}
