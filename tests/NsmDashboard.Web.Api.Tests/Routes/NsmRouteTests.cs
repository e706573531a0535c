using System.Net;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Routes;

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

    [Fact]
    public async Task Random_returns_256_fresh_bytes_as_lowercase_hex()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var first = await ApiAssert.OkAsync(await client.GetAsync("/api/random", Ct));
        var second = await ApiAssert.OkAsync(await client.GetAsync("/api/random", Ct));

        // Assert
        Assert.Equal(["random"], ApiAssert.MemberNames(first));
        var hex = first.GetProperty("random").GetString()!;
        Assert.Matches("^[0-9a-f]{512}$", hex);
        Assert.NotEqual(hex, second.GetProperty("random").GetString());
    }

    [Fact]
    public async Task An_unknown_API_route_is_a_404_problem_not_the_dashboard_page()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.GetAsync("/api/nothing-here", Ct);

        // Assert
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound, "NotFound");
        Assert.Contains("/api/nothing-here", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.DeleteAsync("/api/pcrs/16", Ct);

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
    }

    [Fact]
    public async Task Pages_still_get_the_dashboard_not_found_page()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.GetAsync("/no-such-page", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
