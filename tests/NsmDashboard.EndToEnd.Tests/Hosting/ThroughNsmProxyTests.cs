using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Hosting;

/// <summary>The dashboard (emulator) behind <c>nsm-proxy --to tcp://…</c> on this machine.</summary>
public sealed class ThroughNsmProxyTests(NsmProxyFixture server, PlaywrightFixture playwright)
    : ThroughProxyTestsBase(server, playwright), IClassFixture<NsmProxyFixture>
{
    [Fact]
    public Task The_proxy_logs_each_browser_connection() => RunTestAsync(async page =>
    {
        await new PcrsPage(page).OpenAsync();

        Assert.NotEqual(server.DashboardAddress, server.BaseAddress);
        Assert.Contains("accepted from tcp://127.0.0.1:", server.ProxyLog, StringComparison.Ordinal);
        Assert.Contains($"connected to tcp://127.0.0.1:{server.DashboardAddress.Port}", server.ProxyLog, StringComparison.Ordinal);
    });
}
