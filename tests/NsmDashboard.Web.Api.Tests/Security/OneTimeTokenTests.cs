using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Api.Tests.Security;

/// <summary>
/// The emulator's one-time operator token (no identities configured): it signs one browser in, once, within its
/// lifetime; <c>/login?token=</c> takes nothing else, and API tokens are bearer-only.
/// </summary>
public sealed class OneTimeTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_one_time_token_works_once()
    {
        // Arrange
        await using var api = new ApiFactory(identities: false);
        var token = api.Services.GetRequiredService<DashboardIdentities>().OneTimeToken!;
        using var first = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var second = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        var signIn = await first.GetAsync("/login?token=" + Uri.EscapeDataString(token), Ct);
        var me = await ApiAssert.OkAsync(await first.GetAsync("/api/me", Ct));
        var again = await second.GetAsync("/login?token=" + Uri.EscapeDataString(token), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(DashboardIdentities.OneTimeUserName, me.GetProperty("name").GetString());
        Assert.Equal("Operator", me.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Contains("has been used", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(api.Services.GetRequiredService<DashboardIdentities>().OneTimeTokenPending);
    }

    [Fact]
    public async Task The_one_time_token_expires()
    {
        // Arrange
        var clock = new ManualClock();
        await using var api = new ApiFactory(identities: false, configureServices: s => s.AddSingleton<TimeProvider>(clock))
            .WithSetting("Auth:OneTimeTokenLifetime", "00:01:00");
        var token = api.Services.GetRequiredService<DashboardIdentities>().OneTimeToken!;
        using var browser = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        clock.Advance(TimeSpan.FromMinutes(2));
        var late = await browser.GetAsync("/login?token=" + Uri.EscapeDataString(token), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        Assert.Contains("expired", await late.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_one_time_token_is_not_a_bearer_token()
    {
        // Arrange
        await using var api = new ApiFactory(identities: false);
        var token = api.Services.GetRequiredService<DashboardIdentities>().OneTimeToken!;
        using var client = api.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // Act
        var response = await client.GetAsync("/api/pcrs/16", Ct);

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task An_api_token_in_the_login_url_signs_nobody_in_but_works_as_a_bearer()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var browser = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        var viaUrl = await browser.GetAsync("/login?token=" + TestIdentities.OperatorToken, Ct);
        var me = await browser.GetAsync("/api/me", Ct);
        using var bearer = api.CreateClient();

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, viaUrl.StatusCode);
        Assert.Contains("API tokens do not sign a browser in", System.Net.WebUtility.HtmlDecode(await viaUrl.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.False(viaUrl.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("nsm-session=", StringComparison.Ordinal)));
        await ApiAssert.ProblemAsync(me, HttpStatusCode.Unauthorized, "Unauthorized");
        await ApiAssert.OkAsync(await bearer.GetAsync("/api/me", Ct));
    }
}
