using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Metrics;

namespace NsmDashboard.Web.Api.Tests.Hosting;

/// <summary>Open tabs are limited (NsmDashboard:Limits:MaxCircuits): a new tab beyond the limit is told so and starts no circuit.</summary>
public sealed class CircuitLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_tab_beyond_the_circuit_limit_gets_a_page_saying_so_instead_of_the_dashboard()
    {
        // Arrange
        await using var api = new ApiFactory().WithSetting("NsmDashboard:Limits:MaxCircuits", "2");
        using var client = api.CreateClient();
        var metrics = api.Services.GetRequiredService<DashboardMetrics>();

        // Act
        var below = await client.GetStringAsync(new Uri("/pcrs", UriKind.Relative), Ct);
        metrics.CircuitOpened(+2);
        var at = await client.GetStringAsync(new Uri("/pcrs", UriKind.Relative), Ct);
        var login = await api.CreateAnonymousClient().GetStringAsync(new Uri("/login", UriKind.Relative), Ct);
        metrics.CircuitOpened(-1);
        var again = await client.GetStringAsync(new Uri("/pcrs", UriKind.Relative), Ct);

        // Assert: the notice replaces the app (no blazor circuit is started from it); the static login page still works.
        Assert.DoesNotContain("data-testid=\"circuit-limit\"", below, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"circuit-limit\"", at, StringComparison.Ordinal);
        Assert.Contains("already has 2 open tabs", at, StringComparison.Ordinal);
        Assert.Contains("NsmDashboard:Limits:MaxCircuits", at, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"login-form\"", login, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"circuit-limit\"", again, StringComparison.Ordinal);
    }
}
