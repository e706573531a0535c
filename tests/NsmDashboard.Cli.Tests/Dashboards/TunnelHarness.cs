using System.Net;
using System.Text;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Tls;
using NsmDashboard.Cli.Tunnel;
using NsmDashboard.Nsm;

namespace NsmDashboard.Cli.Tests.Dashboards;

/// <summary>An <c>nsm connect</c> tunnel run in process on a free loopback port, with its log kept, and a "browser" for it.</summary>
internal sealed class TunnelHarness : IAsyncDisposable
{
    private readonly StringWriter _log;
    private readonly HttpClient _browser;

    private TunnelHarness(AttestedTunnel tunnel, StringWriter log)
    {
        Tunnel = tunnel;
        _log = log;
        // A browser as far as the tunnel is concerned: no redirects followed, cookies handled by the test (the session
        // cookie is Secure, and .NET's cookie container never sends one over http, unlike a browser on loopback).
        _browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }) { BaseAddress = tunnel.Url };
    }

    public AttestedTunnel Tunnel { get; }

    public HttpClient Browser => _browser;

    /// <summary>The tunnel's log so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>What a browser on the tunnel sends as Origin.</summary>
    public string Origin => Tunnel.Url.GetLeftPart(UriPartial.Authority);

    public static async Task<TunnelHarness> StartAsync(Uri server, DashboardFixture dashboards, params string[] measurements)
    {
        var log = new StringWriter { NewLine = "\n" };
        var policy = new EnclavePolicy(
            [.. (measurements.Length == 0 ? [dashboards.ReleaseMeasurements] : measurements).Select(file => new ExpectedPcrSet(file, NitroCliMeasurements.Load(file).Pcrs))],
            AnyEnclave: false,
            AllowDebug: false);
        var attestor = new DashboardAttestor(AttestationTrustRoot.FromEmulatorDirectory(dashboards.CaDirectory), policy, TimeSpan.FromSeconds(30));
        var report = new StringWriter();
        var tunnel = await AttestedTunnel.StartAsync(server, new IPEndPoint(IPAddress.Loopback, 0), attestor, new TunnelLog(TextWriter.Synchronized(log)), report, CancellationToken.None);
        return new TunnelHarness(tunnel, log);
    }

    /// <summary>GET through the tunnel.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path, string? cookies = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        var response = await _browser.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>
    /// GET right after the relay swapped its target. The HTTP pool may still hold a connection the relay has just
    /// closed, and a request sent on it fails as "cannot reach the dashboard" (nothing was forwarded: the connection
    /// was gone); a browser's reload opens a new connection, so the request is repeated a few times in that case.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAfterSwapAsync(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await GetAsync(path);
            if (attempt == 5 || result.Status != HttpStatusCode.BadGateway || !result.Body.Contains("The tunnel cannot reach the dashboard", StringComparison.Ordinal))
            {
                return result;
            }
        }
    }

    /// <summary>Signs in on the login form with a user name and password, as the browser's form post does; returns the Cookie header to send.</summary>
    public async Task<string> SignInAsync(string name, string password)
    {
        var (status, page, loginResponse) = await GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, status);
        var antiforgeryCookie = CookiePair(loginResponse, "nsm-antiforgery");
        var requestToken = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(requestToken.Success, "no antiforgery token on the login page");
        var tokenValue = requestToken.Groups[1].Success ? requestToken.Groups[1].Value : requestToken.Groups[2].Value;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(tokenValue),
                ["Input.Name"] = name,
                ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        post.Headers.Add("Origin", Origin);
        using var signedIn = await _browser.SendAsync(post);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"{signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");
        Assert.Equal(new Uri(Tunnel.Url, "/"), signedIn.Headers.Location);
        return $"{antiforgeryCookie}; {CookiePair(signedIn, "nsm-session")}";
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await Tunnel.DisposeAsync();
    }

    /// <summary>The Set-Cookie header of one cookie (attributes included).</summary>
    public static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith(name + "=", StringComparison.Ordinal));

    private static string CookiePair(HttpResponseMessage response, string name) => SetCookie(response, name).Split(';')[0];

    /// <summary>The body of a JSON request with the headers a browser page on the tunnel sends.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
