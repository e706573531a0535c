using System.Net;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Hosting.Api;

public sealed class RoutingProblemTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
