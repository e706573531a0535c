using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Metrics;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Api.Tests.Metrics;

/// <summary>The gauges a fleet alerts on: PCRs changed outside the dashboard, PCR locks, dropped audit records, the build.</summary>
public sealed class NsmStateMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_extend_behind_the_dashboards_back_sets_the_changed_outside_gauge_of_that_PCR_only()
    {
        // Arrange
        var time = new ManualTimeProvider();
        await using var api = new ApiFactory(configureServices: services => services.AddSingleton<TimeProvider>(time));
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/18/extend", new { text = "through the dashboard" }));
        var before = await ScrapeAsync(client);

        // Act: another process with /dev/nsm open extends PCR18 and PCR20.
        await new NsmClient(api.Emulator).ExtendPcrAsync(18, "outside"u8.ToArray(), Ct);
        await new NsmClient(api.Emulator).ExtendPcrAsync(20, "outside"u8.ToArray(), Ct);
        var sameSecond = await ScrapeAsync(client);
        time.Advance(NsmStateMetrics.MinimumRefreshInterval);
        var after = await ScrapeAsync(client);

        // Assert
        Assert.Contains("dashboard_pcr_changed_outside{pcr=\"18\"} 0", before);
        Assert.Contains("dashboard_pcr_changed_outside{pcr=\"18\"} 0", sameSecond);
        Assert.Contains("dashboard_pcr_changed_outside{pcr=\"18\"} 1", after);
        Assert.Contains("dashboard_pcr_changed_outside{pcr=\"20\"} 1", after);
        Assert.Equal(2, after.Count(l => l.StartsWith("dashboard_pcr_changed_outside{", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal)));
        Assert.Equal(32, after.Count(l => l.StartsWith("dashboard_pcr_changed_outside{", StringComparison.Ordinal)));
        Assert.Contains($"dashboard_pcr_replay_timestamp_seconds {UnixSeconds(time)}", after);
    }

    [Fact]
    public async Task Extends_through_the_dashboard_are_explained_and_a_lock_shows_in_the_lock_gauge()
    {
        // Arrange
        var time = new ManualTimeProvider();
        await using var api = new ApiFactory(configureServices: services => services.AddSingleton<TimeProvider>(time));
        using var client = api.CreateClient();
        var before = await ScrapeAsync(client);

        // Act
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/17/extend", new { data = "00" }));
        await ApiAssert.OkAsync(await client.PostAsync(new Uri("/api/pcrs/17/lock", UriKind.Relative), null, Ct));
        time.Advance(NsmStateMetrics.MinimumRefreshInterval);
        var after = await ScrapeAsync(client);

        // Assert: PCR0–15 are locked at boot, PCR16–31 are not.
        Assert.Contains("nsm_pcr_locked{pcr=\"15\"} 1", before);
        Assert.Contains("nsm_pcr_locked{pcr=\"17\"} 0", before);
        Assert.Contains("nsm_pcr_locked{pcr=\"17\"} 1", after);
        Assert.Equal(17, after.Count(l => l.StartsWith("nsm_pcr_locked{", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal)));
        Assert.DoesNotContain(after, l => l.StartsWith("dashboard_pcr_changed_outside{", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refresh_reads_DescribeNSM_once_ever_skips_locked_PCRs_and_runs_at_most_once_a_second()
    {
        // Arrange: a reader of its own (its own meters), over the dashboard's log, NSM state and mutation gate.
        using var emulator = new NsmEmulator();
        var transport = new CountingTransport(emulator);
        await using var api = new ApiFactory(transport);
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var time = new ManualTimeProvider();
        var reader = new NsmStateMetrics(
            meters.GetRequiredService<IMeterFactory>(),
            api.Services.GetRequiredService<PcrEventLog>(),
            api.Services.GetRequiredService<NsmStateService>(),
            api.Services.GetRequiredService<NsmOperations>(),
            time,
            NullLogger<NsmStateMetrics>.Instance);
        var (describeNsm, describePcr) = (transport.Count("DescribeNSM"), transport.Count("DescribePCR"));

        // Act
        await Task.WhenAll(reader.RefreshAsync(Ct), reader.RefreshAsync(Ct));
        var first = (transport.Count("DescribeNSM") - describeNsm, transport.Count("DescribePCR") - describePcr);
        await reader.RefreshAsync(Ct);
        var again = (transport.Count("DescribeNSM") - describeNsm, transport.Count("DescribePCR") - describePcr);
        time.Advance(NsmStateMetrics.MinimumRefreshInterval);
        await reader.RefreshAsync(Ct);
        var later = (transport.Count("DescribeNSM") - describeNsm, transport.Count("DescribePCR") - describePcr);

        // Assert
        Assert.Equal((1, 32), first);
        Assert.Equal((1, 32), again);
        Assert.Equal((1, 32 + 16), later);
        Assert.Equal(32, reader.Readings.Count);
        Assert.All(reader.Readings.Take(16), r => Assert.Equal(PcrReplayVerdict.BootMeasured, r.Verdict));
        Assert.All(reader.Readings.Skip(16), r => Assert.Equal(PcrReplayVerdict.Explained, r.Verdict));
    }

    [Fact]
    public async Task Audit_records_dropped_at_capacity_are_counted()
    {
        // Arrange
        await using var api = new ApiFactory(settings: new Dictionary<string, string?> { ["Audit:Capacity"] = "2" });
        using var client = api.CreateClient();
        var before = await ScrapeAsync(client);

        // Act: five audited operations into a trail that keeps two.
        for (var i = 0; i < 5; i++)
        {
            await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "00" }));
        }

        var after = await ScrapeAsync(client);

        // Assert
        Assert.Contains("dashboard_audit_records_dropped_total 0", before);
        Assert.Contains("dashboard_audit_records_dropped_total 3", after);
    }

    [Fact]
    public async Task The_build_and_the_emulator_are_announced()
    {
        // Arrange
        await using var emulated = new ApiFactory();
        await using var device = new ApiFactory(new DeviceLikeTransport(emulated.Emulator));
        using var emulatedClient = emulated.CreateClient();
        using var deviceClient = device.CreateClient();

        // Act
        var fromEmulator = await ScrapeAsync(emulatedClient);
        var fromDevice = await ScrapeAsync(deviceClient);

        // Assert
        Assert.Contains("nsm_emulated 1", fromEmulator);
        Assert.Contains("nsm_emulated 0", fromDevice);
        var build = Assert.Single(fromEmulator, l => l.StartsWith("dashboard_build_info{", StringComparison.Ordinal));
        Assert.Matches("""^dashboard_build_info\{runtime="\.NET [0-9.]+[^"]*",version="[0-9]+\.[0-9]+\.[0-9]+[^"]*"\} 1$""", build);
        Assert.Contains(DashboardMetrics.Version, build, StringComparison.Ordinal);
    }

    private static async Task<string[]> ScrapeAsync(HttpClient client) =>
        (await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct)).Split('\n');

    private static string UnixSeconds(TimeProvider time) =>
        (time.GetUtcNow().ToUnixTimeMilliseconds() / 1000d).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
