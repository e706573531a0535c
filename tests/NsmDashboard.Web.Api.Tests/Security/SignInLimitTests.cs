using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Security;

/// <summary>
/// The limits that hold whatever address a client claims: sign-ins per user name, and the anonymous TLS-binding
/// attestation per address with a global cap. (Requests without an address share one bucket: the in-memory server's.)
/// </summary>
public sealed class SignInLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_ins_are_limited_per_user_name_however_the_name_is_written_and_other_names_go_on()
    {
        // Arrange: the address limit out of the way (all in-memory requests share one address bucket).
        await using var api = new ApiFactory().WithSetting("RateLimits:LoginsPerUserNamePerMinute", "3");
        using var browser = api.CreateAnonymousClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var antiforgery = await BrowserSignIn.AntiforgeryAsync(browser);

        // Act
        var guesses = new List<HttpResponseMessage>();
        foreach (var name in (string[])["olivia", "Olivia", " OLIVIA "])
        {
            guesses.Add(await BrowserSignIn.PostAsync(browser, antiforgery, name, "guess"));
        }

        var fourth = await BrowserSignIn.PostAsync(browser, antiforgery, "olivia", TestIdentities.Password);
        var otherUser = await BrowserSignIn.PostAsync(browser, antiforgery, TestIdentities.ViewerUser, "wrong");

        // Assert: three guesses at one account, whatever the case and spacing; then even the right password waits.
        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.Unauthorized, g.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(fourth.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 });
        Assert.Contains("Too many sign-in attempts for this user name", await fourth.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(fourth.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("nsm-session=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, otherUser.StatusCode);
    }

    [Fact]
    public async Task The_tls_binding_is_limited_per_address()
    {
        // Arrange
        await using var api = new ApiFactory()
            .WithSetting("NsmDashboard:Tls:Mode", "on")
            .WithSetting("RateLimits:TlsAttestationsPerAddressPerMinute", "2")
            .WithSetting("RateLimits:TlsAttestationsPerMinute", "1000");
        using var anonymous = api.CreateAnonymousClient();

        // Act
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await anonymous.GetAsync("/api/attestation/tls?nonce=00112233", Ct));
        }

        // Assert
        await ApiAssert.OkAsync(answers[0]);
        await ApiAssert.OkAsync(answers[1]);
        await ApiAssert.ProblemAsync(answers[2], HttpStatusCode.TooManyRequests, "TooManyRequests");
    }

    [Fact]
    public async Task The_tls_binding_has_a_global_cap_that_no_address_escapes()
    {
        // Arrange: each "address" alone would be allowed many more.
        await using var api = new ApiFactory()
            .WithSetting("NsmDashboard:Tls:Mode", "on")
            .WithSetting("RateLimits:TlsAttestationsPerAddressPerMinute", "1000")
            .WithSetting("RateLimits:TlsAttestationsPerMinute", "2");
        using var anonymous = api.CreateAnonymousClient();
        using var signedIn = api.CreateClient();

        // Act
        var first = await anonymous.GetAsync("/api/attestation/tls?nonce=00", Ct);
        var second = await signedIn.GetAsync("/api/attestation/tls?nonce=01", Ct);
        var third = await signedIn.GetAsync("/api/attestation/tls?nonce=02", Ct);

        // Assert: signed in or not, the third in the minute is refused.
        await ApiAssert.OkAsync(first);
        await ApiAssert.OkAsync(second);
        await ApiAssert.ProblemAsync(third, HttpStatusCode.TooManyRequests, "TooManyRequests");
    }
}
