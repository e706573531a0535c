using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Security;

/// <summary>Antiforgery, rate limits, security headers and the login page.</summary>
public sealed class HardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cookie_authenticated_API_mutation_needs_the_antiforgery_token()
    {
        // Arrange: a browser-like client signed in on the login form (cookies kept, no bearer header).
        await using var api = new ApiFactory();
        using var browser = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await BrowserSignIn.SignInAsync(browser, TestIdentities.OperatorUser, TestIdentities.Password);
        var me = await ApiAssert.OkAsync(await browser.GetAsync("/api/me", Ct));
        var token = me.GetProperty("antiforgeryToken").GetString();

        // Act
        var without = await browser.PostJsonAsync("/api/pcrs/16/extend", new { data = "01" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pcrs/16/extend")
        {
            Content = new StringContent("""{"data": "01"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var with = await browser.SendAsync(request, Ct);

        // Assert
        Assert.Equal(TestIdentities.OperatorUser, me.GetProperty("name").GetString());
        Assert.Equal("Operator", me.GetProperty("role").GetString());
        await ApiAssert.ProblemAsync(without, HttpStatusCode.Forbidden, "AntiforgeryTokenInvalid");
        var pcr = await ApiAssert.OkAsync(with);
        Assert.Equal(ExpectedPcr.Extend(ExpectedPcr.Zero, [1]), pcr.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Mutations_over_the_rate_limit_are_429_problems_with_retry_after()
    {
        // Arrange
        await using var api = new ApiFactory().WithSetting("RateLimits:MutationsPerMinute", "2");
        using var client = api.CreateClient();
        using var viewer = api.CreateViewerClient();

        // Act
        var first = await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "01" });
        var second = await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "01" });
        var third = await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "01" });
        var read = await client.GetAsync("/api/pcrs/16", Ct);

        // Assert: per user, so the two that passed are the operator's; reads are not limited.
        await ApiAssert.OkAsync(first);
        await ApiAssert.OkAsync(second);
        await ApiAssert.ProblemAsync(third, (HttpStatusCode)429, "TooManyRequests");
        Assert.True(third.Headers.RetryAfter is not null);
        var pcr = await ApiAssert.OkAsync(read);
        Assert.Equal(ExpectedPcr.Extend(ExpectedPcr.Extend(ExpectedPcr.Zero, [1]), [1]), pcr.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Login_attempts_are_rate_limited_per_client_address_and_showing_the_page_is_not_an_attempt()
    {
        // Arrange: the user-name limit out of the way, so only the address counts.
        await using var api = new ApiFactory().WithSetting("RateLimits:LoginsPerMinute", "2").WithSetting("RateLimits:LoginsPerUserNamePerMinute", "1000");
        using var browser = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        var antiforgery = await BrowserSignIn.AntiforgeryAsync(browser);
        await BrowserSignIn.AntiforgeryAsync(browser);
        await BrowserSignIn.AntiforgeryAsync(browser);
        var first = await BrowserSignIn.PostAsync(browser, antiforgery, TestIdentities.ViewerUser, "wrong");
        var second = await BrowserSignIn.PostAsync(browser, antiforgery, TestIdentities.OperatorUser, "wrong");
        var third = await BrowserSignIn.PostAsync(browser, antiforgery, TestIdentities.OperatorUser, TestIdentities.Password);

        // Assert: three page views cost nothing; even the right password then waits, so guessing gets two tries a minute.
        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        await ApiAssert.ProblemAsync(third, (HttpStatusCode)429, "TooManyRequests");
        Assert.True(third.Headers.RetryAfter is not null);
        Assert.False(third.Headers.Contains("Set-Cookie") && third.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("nsm-session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_no_server_banner()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        foreach (var path in new[] { "/login", "/healthz", "/api/pcrs", "/" })
        {
            var response = await client.GetAsync(path, Ct);

            // Assert
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(response.Headers.Contains("X-Powered-By"));
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Fact]
    public async Task The_login_form_signs_in_with_a_password_and_refuses_a_wrong_one_or_a_missing_antiforgery_token()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var browser = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var antiforgery = await BrowserSignIn.AntiforgeryAsync(browser);

        // Act
        var wrong = await BrowserSignIn.PostAsync(browser, antiforgery, TestIdentities.ViewerUser, "wrong password");
        var forged = await BrowserSignIn.PostAsync(browser, null, TestIdentities.ViewerUser, TestIdentities.Password);
        var right = await BrowserSignIn.PostAsync(browser, antiforgery, TestIdentities.ViewerUser, TestIdentities.Password);
        var me = await ApiAssert.OkAsync(await browser.GetAsync("/api/me", Ct));

        // Assert
        Assert.NotEmpty(antiforgery);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("wrong password", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var cookie = right.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nsm-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TestIdentities.ViewerUser, me.GetProperty("name").GetString());
        Assert.Equal("Viewer", me.GetProperty("role").GetString());
    }
}
