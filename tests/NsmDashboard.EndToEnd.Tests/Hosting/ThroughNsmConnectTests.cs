using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Hosting;

/// <summary>
/// Chromium through <c>nsm connect</c> (plain HTTP on loopback) to the dashboard's HTTPS, attested and pinned: the
/// circuit's WebSocket and live updates (the inherited tests), sign-in and sign-out with a password (antiforgery,
/// the Secure session cookie on a loopback HTTP origin), a download, and the error page when the parent swaps in an
/// impostor.
/// </summary>
public sealed class ThroughNsmConnectTests(NsmConnectFixture server, PlaywrightFixture playwright)
    : ThroughProxyTestsBase(server, playwright), IClassFixture<NsmConnectFixture>
{
    [Fact]
    public Task Sign_in_and_sign_out_work_through_the_tunnel_with_the_dashboards_own_session_cookie() => RunAnonymousTestAsync(async page =>
    {
        // Act: an anonymous visit is sent to the login page (the dashboard's https redirect, turned back to the tunnel's http).
        await page.GotoAsync("pcrs");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "login?ReturnUrl=%2Fpcrs").ToString());
        await page.Locator("[data-testid=login-name]").FillAsync(NsmDashboardServerFixture.OperatorUser);
        await page.Locator("[data-testid=login-password]").FillAsync(NsmDashboardServerFixture.Password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();

        // Assert: signed in, on the page that asked, over the circuit; the session cookie is the dashboard's (Secure,
        // set over its HTTPS), kept by Chromium for the loopback HTTP origin.
        await Assertions.Expect(page.Locator("[data-testid=signed-in-role]")).ToHaveTextAsync("Operator");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "pcrs").ToString());
        var session = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "nsm-session");
        Assert.True(session.Secure);
        Assert.Equal("127.0.0.1", session.Domain);

        // Act: sign out (a form post with its antiforgery token, through the tunnel).
        await page.Locator("[data-testid=sign-out]").ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();
    });

    [Fact]
    public Task An_extend_seen_live_is_in_the_event_log_downloaded_through_the_tunnel() => RunTestAsync(async page =>
    {
        // Arrange
        var pcrs = new PcrsPage(page);
        await pcrs.OpenAsync();
        var text = $"downloaded through the tunnel {Guid.NewGuid():N}";
        var value = await pcrs.ExtendWithTextAsync(18, text);
        await Assertions.Expect(pcrs.Value(18)).ToHaveAttributeAsync("data-value", value);
        await GotoAsync(page, "eventlog");

        // Act
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export]").ClickAsync());

        // Assert: the export is the dashboard's (fetched with the session over the tunnel), with this extend in it.
        Assert.Equal("nsm-eventlog.json", download.SuggestedFilename);
        var path = await download.PathAsync();
        using var log = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Contains(value, log.RootElement.ToString(), StringComparison.Ordinal);
    });

    [Fact]
    public Task The_tunnel_logs_the_attestation_the_pin_and_each_connection() => RunTestAsync(async page =>
    {
        await new PcrsPage(page).OpenAsync();

        Assert.Contains($"pinned certificate sha256 {server.Tunnel.Pinned.Sha256Colon}", server.TunnelLog, StringComparison.Ordinal);
        Assert.Contains($"running the image of {server.ReleaseMeasurements}", server.TunnelLog, StringComparison.Ordinal);
        Assert.Contains("browser connection #", server.TunnelLog, StringComparison.Ordinal);
        Assert.Contains($"certificate {server.Tunnel.Pinned.Sha256Colon} is the pinned one", server.TunnelLog, StringComparison.Ordinal);
    });

    [Fact]
    public Task Swapped_for_an_impostor_the_browser_gets_the_error_page_and_the_impostor_nothing() => RunTestAsync(async page =>
    {
        // Arrange: the dashboard works through the tunnel.
        await GotoAsync(page, "pcrs");
        var pinned = server.Tunnel.Pinned.Sha256Colon;
        var marker = Guid.NewGuid().ToString("N");

        // Act: the parent re-routes to its own (debug-mode) enclave under the same root.
        server.SwapToImpostor();
        try
        {
            // (A request may first meet a pooled connection the relay just closed: "cannot reach"; a reload opens a new one.)
            var error = page.Locator("[data-testid=tunnel-error]");
            for (var attempt = 0; attempt < 5; attempt++)
            {
                await page.GotoAsync($"pcrs?marker={marker}");
                if (await error.TextContentAsync() != "The tunnel cannot reach the dashboard")
                {
                    break;
                }
            }

            // Assert: the error page, naming the check; the impostor was asked for an attestation and nothing else.
            await Assertions.Expect(error).ToHaveTextAsync("The tunnel refused to forward: the dashboard failed attestation");
            await Assertions.Expect(page.Locator(".check")).ToContainTextAsync("✗ Not a debug-mode enclave: PCR0, PCR1 and PCR2 are all zero");
            await Assertions.Expect(page.Locator("[data-testid=pinned]")).ToHaveTextAsync(pinned);
            Assert.NotEmpty(server.ImpostorRequests.Requests);
            Assert.All(server.ImpostorRequests.Requests, request => Assert.StartsWith("GET /api/attestation/tls?nonce=", request, StringComparison.Ordinal));
            Assert.DoesNotContain(server.ImpostorRequests.Requests, request => request.Contains(marker, StringComparison.Ordinal));
        }
        finally
        {
            server.SwapBack();
        }

        // Assert: with the real dashboard back, the same pin works again.
        await GotoAsync(page, "pcrs");
        Assert.Equal(pinned, server.Tunnel.Pinned.Sha256Colon);
        Assert.Equal(0, server.Tunnel.Reattestations);
    });
}
