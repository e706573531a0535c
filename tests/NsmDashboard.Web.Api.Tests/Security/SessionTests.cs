using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Api.Tests.Security;

/// <summary>Sessions live on the server too: signing out ends them there, so a copy of the cookie is worth nothing after.</summary>
public sealed class SessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_kept_copy_of_the_cookie_is_refused()
    {
        // Arrange: a browser signed in, and a copy of its cookie (another tab, or a thief).
        await using var api = new ApiFactory();
        using var browser = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var antiforgery = await BrowserSignIn.AntiforgeryAsync(browser);
        var signIn = await BrowserSignIn.PostAsync(browser, antiforgery, TestIdentities.OperatorUser, TestIdentities.Password);
        var cookie = BrowserSignIn.SessionCookie(signIn);
        using var copy = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        var before = await copy.GetAsync("/api/me", Ct);
        var csrf = (await ApiAssert.OkAsync(await browser.GetAsync("/api/me", Ct))).GetProperty("antiforgeryToken").GetString();

        // Act
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/logout");
        logout.Headers.Add("X-CSRF-TOKEN", csrf);
        var signedOut = await browser.SendAsync(logout, Ct);
        var after = await copy.GetAsync("/api/me", Ct);

        // Assert
        await ApiAssert.OkAsync(before);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        await ApiAssert.ProblemAsync(after, HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.Equal(0, api.Services.GetRequiredService<SessionStore>().Count);
    }

    [Fact]
    public async Task A_session_idle_longer_than_the_timeout_is_over()
    {
        // Arrange
        var clock = new ManualClock();
        await using var api = new ApiFactory(configureServices: s => s.AddSingleton<TimeProvider>(clock))
            .WithSetting("Auth:SessionIdleTimeout", "00:10:00");
        using var browser = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await BrowserSignIn.SignInAsync(browser, TestIdentities.ViewerUser, TestIdentities.Password);

        // Act
        await ApiAssert.OkAsync(await browser.GetAsync("/api/me", Ct));
        clock.Advance(TimeSpan.FromMinutes(11));
        var late = await browser.GetAsync("/api/me", Ct);

        // Assert
        await ApiAssert.ProblemAsync(late, HttpStatusCode.Unauthorized, "Unauthorized");
    }
}
