using System.Text;
using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Hosting;

/// <summary>
/// What an operator does through the parent-side proxy (docs/vsock.md#relay): open the PCR page over a relayed Blazor circuit
/// (a WebSocket that must stay up), extend a PCR, see the new value. Run against the proxy on this machine and
/// against the dashboard inside the rig VM.
/// </summary>
public abstract class ThroughProxyTestsBase(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task The_PCR_page_runs_its_circuit_over_a_WebSocket_through_the_proxy_and_shows_an_extend() => RunTestAsync(async page =>
    {
        // Arrange: watch for the circuit's WebSocket, which has to cross the relay and stay open
        var sockets = new List<IWebSocket>();
        page.WebSocket += (_, socket) => sockets.Add(socket);
        var pcrs = new PcrsPage(page);
        await pcrs.OpenAsync();
        var before = Convert.FromHexString(await pcrs.Value(16).GetAttributeAsync("data-value") ?? "");
        var text = $"through the proxy {Guid.NewGuid():N}";

        // Act
        var shown = await pcrs.ExtendWithTextAsync(16, text);

        // Assert: SHA384(before ‖ text), computed here, in the dialog and in the table
        var expected = ExpectedPcr.Extend(before, Encoding.UTF8.GetBytes(text));
        Assert.Equal(expected, shown);
        await Assertions.Expect(pcrs.Value(16)).ToHaveAttributeAsync("data-value", expected);
        var circuit = Assert.Single(sockets, s => s.Url.Contains("/_blazor", StringComparison.Ordinal));
        Assert.False(circuit.IsClosed);
    });

    [Fact]
    public Task A_second_page_sees_the_first_pages_extend_live() => RunTestAsync(2, async pages =>
    {
        // Arrange: two circuits through the proxy
        var first = new PcrsPage(pages[0]);
        var second = new PcrsPage(pages[1]);
        await first.OpenAsync();
        await second.OpenAsync();
        var before = Convert.FromHexString(await first.Value(17).GetAttributeAsync("data-value") ?? "");

        // Act
        var value = await first.ExtendWithTextAsync(17, "seen by the other circuit");

        // Assert: pushed to the other circuit over its own relayed WebSocket
        Assert.Equal(ExpectedPcr.Extend(before, Encoding.UTF8.GetBytes("seen by the other circuit")), value);
        await Assertions.Expect(second.Value(17)).ToHaveAttributeAsync("data-value", value);
    });
}
