using System.Net;
using System.Text.RegularExpressions;

namespace NsmDashboard.Web.Api.Tests.Infrastructure;

/// <summary>The login form as a browser posts it: the page's antiforgery token, then name and password (or the one-time token).</summary>
public static partial class BrowserSignIn
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The antiforgery token of the login form (and, in the client's cookies, its cookie).</summary>
    public static async Task<string> AntiforgeryAsync(HttpClient browser)
    {
        var page = await (await browser.GetAsync("/login", Ct)).Content.ReadAsStringAsync(Ct);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        return token;
    }

    /// <summary>Posts the login form.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient browser, string? antiforgery, string name, string password, string? oneTimeToken = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("_handler", "login"),
            new("Input.Name", name),
            new("Input.Password", password),
        };
        if (oneTimeToken is not null)
        {
            fields.Add(new("Input.Token", oneTimeToken));
        }

        if (antiforgery is not null)
        {
            fields.Add(new("__RequestVerificationToken", antiforgery));
        }

        return browser.PostAsync("/login", new FormUrlEncodedContent(fields), Ct);
    }

    /// <summary>Signs <paramref name="browser"/> (a client that keeps cookies and does not follow redirects) in with a password.</summary>
    public static async Task SignInAsync(HttpClient browser, string name, string password)
    {
        var response = await PostAsync(browser, await AntiforgeryAsync(browser), name, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {name}: {(int)response.StatusCode}");
    }

    /// <summary>The session cookie the last sign-in set, as "name=value".</summary>
    public static string SessionCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nsm-session=", StringComparison.Ordinal)).Split(';')[0];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
