using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Features.Random;

public sealed class RandomRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
}
