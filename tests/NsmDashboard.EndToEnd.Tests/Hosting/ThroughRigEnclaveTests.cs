using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Hosting;

/// <summary>
/// The dashboard in device mode on vsock inside the rig VM, on the real Linux nsm driver, reached through
/// nsm-proxy in the VM and a port forward: the whole path of docs/rig.md#tier, step 8. Run by tests/rig/run-e2e-tests.sh.
/// </summary>
[Trait("Category", "Rig")]
public sealed class ThroughRigEnclaveTests(RigEnclaveFixture server, PlaywrightFixture playwright)
    : ThroughProxyTestsBase(server, playwright), IClassFixture<RigEnclaveFixture>
{
    /// <summary>
    /// A device that refuses requests — QEMU's NSM answering ReadOnlyIndex and InvalidIndex, a request too large for the
    /// driver — while circuits are open: each refusal reaches the caller with its ErrorCode, the circuits stay up, the
    /// audit trail and the event log record what the device did (nothing), and the next good request works.
    /// </summary>
    [Fact]
    public Task The_dashboard_on_the_real_driver_rides_through_the_devices_refusals() => RunTestAsync(2, async pages =>
    {
        // Arrange: the PCR page and the audit trail open; a script's API client beside them
        var pcrs = new PcrsPage(pages[0]);
        await pcrs.OpenAsync();
        await GotoAsync(pages[1], "audit");
        using var api = ApiClient();
        await Expect(await api.PostAsync("api/pcrs/30/lock", null, Ct), HttpStatusCode.OK, null);
        await Assertions.Expect(pcrs.LockBadge(30)).ToBeVisibleAsync();

        // Act: requests the device (or its driver) refuses
        await Expect(await PostJson(api, "api/pcrs/30/extend", "{\"text\":\"on a locked PCR\"}"), HttpStatusCode.Conflict, "ReadOnlyIndex");
        await Expect(await PostJson(api, "api/pcrs/40/extend", "{\"text\":\"beyond max_pcrs\"}"), HttpStatusCode.NotFound, "InvalidIndex");
        await Expect(await api.GetAsync("api/pcrs/40", Ct), HttpStatusCode.NotFound, "InvalidIndex");
        var tooLong = $"{{\"data\":\"{new string('a', 2 * 4096)}\"}}";
        await Expect(await PostJson(api, "api/pcrs/29/extend", tooLong), HttpStatusCode.RequestEntityTooLarge, "InputTooLarge");

        // Assert: the audit trail shows each refusal with its ErrorCode, live
        var audit = pages[1].Locator("[data-testid=audit-row]");
        await Assertions.Expect(audit.Filter(new() { HasText = "ExtendPcr 30" })).ToContainTextAsync("ReadOnlyIndex");
        await Assertions.Expect(audit.Filter(new() { HasText = "ExtendPcr 30" })).ToHaveAttributeAsync("data-outcome", "Refused");
        await Assertions.Expect(audit.Filter(new() { HasText = "ExtendPcr 40" })).ToContainTextAsync("InvalidIndex");
        await Assertions.Expect(audit.Filter(new() { HasText = "ExtendPcr 29" })).ToContainTextAsync("InputTooLarge");

        // … the refused extends changed nothing the event log could hold
        var log = JsonDocument.Parse(await api.GetStringAsync("api/eventlog", Ct)).RootElement.GetProperty("entries").EnumerateArray().ToArray();
        Assert.DoesNotContain(log, e => e.GetProperty("index").GetInt32() is 30 or 40 or 29);

        // Act: a good request after them, through the same circuit
        var before = Convert.FromHexString(await pcrs.Value(29).GetAttributeAsync("data-value") ?? "");
        var shown = await pcrs.ExtendWithTextAsync(29, "after the refusals");

        // Assert: it works, it is logged, and its replay explains PCR29; neither circuit dropped
        Assert.Equal(ExpectedPcr.Extend(before, Encoding.UTF8.GetBytes("after the refusals")), shown);
        var replay = JsonDocument.Parse(await api.GetStringAsync("api/pcrs/29/replay", Ct)).RootElement;
        Assert.Equal("explained", replay.GetProperty("verdict").GetString());
        await Assertions.Expect(audit.Filter(new() { HasText = "ExtendPcr 29" }).Filter(new() { HasText = "Succeeded" })).ToHaveCountAsync(1);
        foreach (var page in pages)
        {
            await Assertions.Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
        }
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The dashboard's certificate is its own, made at start; trust in it comes from attestation (nsm verify-tls), which
    // run-e2e-tests.sh checks separately.
    private HttpClient ApiClient() => new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
    {
        BaseAddress = Server.BaseAddress,
        Timeout = TimeSpan.FromMinutes(2),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Server.ApiToken) },
    };

    private static Task<HttpResponseMessage> PostJson(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode status, string? errorCode)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
            if (errorCode is not null)
            {
                Assert.Equal(errorCode, JsonDocument.Parse(body).RootElement.GetProperty("errorCode").GetString());
            }
        }
    }
}
