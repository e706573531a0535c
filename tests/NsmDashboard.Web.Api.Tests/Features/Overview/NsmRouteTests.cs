using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Features.Overview;

public sealed class NsmRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Describe_returns_DescribeNSM_in_camelCase_with_the_emulator_mode()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var nsm = await ApiAssert.OkAsync(await client.GetAsync("/api/nsm", Ct));

        // Assert
        Assert.Equal(
            ["versionMajor", "versionMinor", "versionPatch", "moduleId", "maxPcrs", "lockedPcrs", "digest", "mode"],
            ApiAssert.MemberNames(nsm));
        Assert.Equal(1, nsm.GetProperty("versionMajor").GetInt32());
        Assert.Equal(api.Emulator.ModuleId, nsm.GetProperty("moduleId").GetString());
        Assert.Equal(32, nsm.GetProperty("maxPcrs").GetInt32());
        Assert.Equal(Enumerable.Range(0, 16), nsm.GetProperty("lockedPcrs").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("SHA384", nsm.GetProperty("digest").GetString());
        Assert.Equal("emulator", nsm.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task The_mode_is_device_when_the_transport_is_the_device()
    {
        // Arrange
        using var emulator = new NsmEmulator();
        await using var api = new ApiFactory(new DeviceLikeTransport(emulator));
        using var client = api.CreateClient();

        // Act
        var nsm = await ApiAssert.OkAsync(await client.GetAsync("/api/nsm", Ct));

        // Assert
        Assert.Equal("device", nsm.GetProperty("mode").GetString());
    }
}
