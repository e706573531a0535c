using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using NsmDashboard.TestSupport;

namespace NsmDashboard.Cli.Tests.Dashboards;

/// <summary>
/// <c>nsm connect</c>'s tunnel in process, in front of real dashboards reached through a relay the "parent instance"
/// controls: it forwards to the attested dashboard (sign-in, antiforgery, the same-origin check, the circuit's
/// WebSocket), re-attests a restarted one, and refuses — error page, nothing forwarded — when the relay swaps in an
/// impostor or a TLS-terminating man in the middle.
/// </summary>
[Collection(RealDashboards.Name)]
public sealed class ConnectTunnelTests(DashboardFixture dashboards)
{
    [Fact]
    public async Task It_forwards_to_the_attested_dashboard_and_turns_its_redirects_back_to_the_tunnel()
    {
        await using var relay = new SwitchableRelay(dashboards.Release.Https);
        await using var tunnel = await TunnelHarness.StartAsync(relay.Address, dashboards);
        using var served = await dashboards.Release.ServedCertificateAsync();

        var (healthStatus, health, _) = await tunnel.GetAsync("/healthz");
        var (rootStatus, _, root) = await tunnel.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, healthStatus);
        Assert.Contains("\"status\"", health, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, rootStatus);
        Assert.Equal(new Uri(tunnel.Tunnel.Url, "/login?ReturnUrl=%2F"), root.Headers.Location);
        Assert.Equal(VerifyTlsDashboardTests.Colon(SHA256.HashData(served.RawData)), tunnel.Tunnel.Pinned.Sha256Colon);
        Assert.Contains($"pinned certificate sha256 {tunnel.Tunnel.Pinned.Sha256Colon}", tunnel.Log, StringComparison.Ordinal);
        Assert.Contains("browser connection #1 from 127.0.0.1:", tunnel.Log, StringComparison.Ordinal);
        Assert.Contains($"dashboard connection #1 (h2): certificate {tunnel.Tunnel.Pinned.Sha256Colon} is the pinned one", tunnel.Log, StringComparison.Ordinal);
        Assert.Contains("GET /healthz", dashboards.Release.Requests);
    }

    [Fact]
    public async Task Sign_in_antiforgery_API_mutations_and_the_circuit_WebSocket_work_through_it()
    {
        await using var tunnel = await TunnelHarness.StartAsync(dashboards.Release.Https, dashboards);

        var cookies = await tunnel.SignInAsync(DashboardFixture.OperatorUser, DashboardFixture.OperatorPassword);

        // The session cookie is the dashboard's own (Secure: it was set over HTTPS), which browsers keep on loopback.
        var (meStatus, meJson, _) = await tunnel.GetAsync("/api/me", cookies);
        Assert.Equal(HttpStatusCode.OK, meStatus);
        var me = JsonDocument.Parse(meJson).RootElement;
        Assert.Equal("Operator", me.GetProperty("role").GetString());

        // An API mutation from the tunnel's origin with the session's antiforgery token: the same-origin check holds
        // because the dashboard sees the browser's Host.
        using var extend = new HttpRequestMessage(HttpMethod.Post, "/api/pcrs/16/extend") { Content = TunnelHarness.Json("""{"text":"through the tunnel"}""") };
        extend.Headers.Add("Cookie", cookies);
        extend.Headers.Add("Origin", tunnel.Origin);
        extend.Headers.Add("X-CSRF-TOKEN", me.GetProperty("antiforgeryToken").GetString());
        using var extended = await tunnel.Browser.SendAsync(extend, TestContext.Current.CancellationToken);
        Assert.True(extended.StatusCode == HttpStatusCode.OK, await extended.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // Another site's page is still refused.
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/pcrs/16/extend") { Content = TunnelHarness.Json("""{"text":"x"}""") };
        crossSite.Headers.Add("Cookie", cookies);
        crossSite.Headers.Add("Origin", "http://evil.example");
        crossSite.Headers.Add("X-CSRF-TOKEN", me.GetProperty("antiforgeryToken").GetString());
        using var refused = await tunnel.Browser.SendAsync(crossSite, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The circuit's hub: negotiate, then a WebSocket upgrade carried to the dashboard, and its answer back.
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Cookie", cookies);
        negotiate.Headers.Add("Origin", tunnel.Origin);
        using var negotiated = await tunnel.Browser.SendAsync(negotiate, TestContext.Current.CancellationToken);
        Assert.True(negotiated.StatusCode == HttpStatusCode.OK, await negotiated.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var connectionToken = JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("connectionToken").GetString();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookies);
        socket.Options.SetRequestHeader("Origin", tunnel.Origin);
        var wsUrl = new UriBuilder(tunnel.Tunnel.Url) { Scheme = "ws", Path = "/_blazor", Query = "id=" + connectionToken }.Uri;
        await socket.ConnectAsync(wsUrl, TestContext.Current.CancellationToken);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var buffer = new byte[4096];
        var answer = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, answer.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Swapped_for_a_debug_mode_impostor_the_browser_gets_the_error_page_and_the_impostor_no_request()
    {
        await using var relay = new SwitchableRelay(dashboards.Release.Https);
        await using var tunnel = await TunnelHarness.StartAsync(relay.Address, dashboards);
        Assert.Equal(HttpStatusCode.OK, (await tunnel.GetAsync("/healthz")).Status);
        var pinned = tunnel.Tunnel.Pinned.Sha256Colon;
        using var impostorCertificate = await dashboards.Debug.ServedCertificateAsync();
        var impostor = VerifyTlsDashboardTests.Colon(SHA256.HashData(impostorCertificate.RawData));
        var marker = "/pcrs?marker=" + Guid.NewGuid().ToString("N");

        relay.SwitchTo(dashboards.Debug.Https);
        var (status, page, response) = await tunnel.GetAfterSwapAsync(marker);
        var (again, _, _) = await tunnel.GetAsync(marker);

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The tunnel refused to forward: the dashboard failed attestation", page, StringComparison.Ordinal);
        Assert.Contains("<strong>✗ Not a debug-mode enclave</strong>: PCR0, PCR1 and PCR2 are all zero", page, StringComparison.Ordinal);
        Assert.Contains($"<code data-testid=\"served\">{impostor}</code>", page, StringComparison.Ordinal);
        Assert.Contains($"<code data-testid=\"pinned\">{pinned}</code>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadGateway, again);
        Assert.Equal(pinned, tunnel.Tunnel.Pinned.Sha256Colon);

        // The impostor was asked for an attestation (by the tunnel) and nothing else: no byte of the browser's requests.
        Assert.NotEmpty(dashboards.Debug.Requests);
        Assert.All(dashboards.Debug.Requests, request => Assert.StartsWith("GET /api/attestation/tls?nonce=", request, StringComparison.Ordinal));
        Assert.DoesNotContain(dashboards.Debug.Requests, request => request.Contains("marker", StringComparison.Ordinal));
        Assert.Contains($"certificate {impostor} is NOT the pinned one; attesting it before anything is sent", tunnel.Log, StringComparison.Ordinal);
        Assert.Contains($"re-attestation of {impostor} FAILED: Not a debug-mode enclave", tunnel.Log, StringComparison.Ordinal);
        Assert.Contains($"certificate {impostor} failed attestation before (Not a debug-mode enclave); refused", tunnel.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapped_for_another_image_the_expected_PCR_check_is_the_reason_given()
    {
        await using var relay = new SwitchableRelay(dashboards.Release.Https);
        await using var tunnel = await TunnelHarness.StartAsync(relay.Address, dashboards);

        relay.SwitchTo(dashboards.Other.Https);
        var (status, page, _) = await tunnel.GetAfterSwapAsync("/pcrs?other-image");

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("<strong>✗ Expected PCR values</strong>: The PCRs match none of the 1 expected set", page, StringComparison.Ordinal);
        Assert.DoesNotContain(dashboards.Other.Requests, request => request.Contains("other-image", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Swapped_for_a_TLS_terminating_man_in_the_middle_the_binding_is_the_reason_given()
    {
        using var forged = DashboardFixture.ForgedCertificate();
        await using var relay = new SwitchableRelay(dashboards.Release.Https);
        await using var tunnel = await TunnelHarness.StartAsync(relay.Address, dashboards);

        relay.SwitchTo(dashboards.Release.Https, terminateWith: forged);
        var (status, page, _) = await tunnel.GetAfterSwapAsync("/pcrs?through-the-middle");

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("<strong>✗ public_key is the served certificate&#39;s key</strong>", page, StringComparison.Ordinal);
        Assert.Contains(VerifyTlsDashboardTests.Colon(SHA256.HashData(forged.RawData)), page, StringComparison.Ordinal);
        Assert.DoesNotContain(dashboards.Release.Requests, request => request.Contains("through-the-middle", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restarted_dashboard_of_the_same_image_is_attested_again_and_pinned()
    {
        await using var relay = new SwitchableRelay(dashboards.Release.Https);
        await using var tunnel = await TunnelHarness.StartAsync(relay.Address, dashboards);
        var before = tunnel.Tunnel.Pinned.Sha256Colon;
        await using var restarted = await dashboards.StartReleaseAsync();
        using var newCertificate = await restarted.ServedCertificateAsync();
        var after = VerifyTlsDashboardTests.Colon(SHA256.HashData(newCertificate.RawData));

        relay.SwitchTo(restarted.Https);
        var (status, _, _) = await tunnel.GetAfterSwapAsync("/healthz?after-restart");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(after, tunnel.Tunnel.Pinned.Sha256Colon);
        Assert.Equal(1, tunnel.Tunnel.Reattestations);
        Assert.Contains($"re-attested: certificate {after} is bound by a fresh attestation of the image of {dashboards.ReleaseMeasurements}; pinned it (was {before})", tunnel.Log, StringComparison.Ordinal);
        Assert.Contains("GET /healthz?after-restart", restarted.Requests);
    }

    [Fact]
    public async Task Connect_refuses_to_start_for_an_impostor_and_prints_the_report()
    {
        var result = await Task.Run(() => Cli.Run(
            "connect", dashboards.Debug.Https.GetLeftPart(UriPartial.Authority), "--emulator-root", dashboards.CaDirectory,
            "--measurements", dashboards.ReleaseMeasurements, "--listen", "127.0.0.1:0"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  ✗ Not a debug-mode enclave:", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith($"nsm: {dashboards.Debug.Https.GetLeftPart(UriPartial.Authority)} failed attestation, so nothing is served: Not a debug-mode enclave:", result.Stderr, StringComparison.Ordinal);
    }
}
