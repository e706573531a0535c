using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Web.Metrics;

namespace NsmDashboard.Web.Api.Tests.Metrics;

/// <summary>
/// The exporter as configured for the dashboard: prometheus-net's meter adapter over this app's meters, written in
/// the text format. What is checked here is what the docs promise: names, buckets, label sets, escaping, numbers.
/// </summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Histograms_have_the_advised_cumulative_buckets_an_Inf_bucket_a_sum_and_a_count()
    {
        // Arrange
        using var exporter = new PrometheusMetricsExporter(Factory);
        var histogram = Factory.Create(NsmMetrics.MeterName).CreateHistogram<double>(
            "test_latency_seconds", "s", "Latency.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });

        // Act
        histogram.Record(0.05, new KeyValuePair<string, object?>("k", "v"));
        histogram.Record(0.1, new KeyValuePair<string, object?>("k", "v"));
        histogram.Record(0.5, new KeyValuePair<string, object?>("k", "v"));
        histogram.Record(7, new KeyValuePair<string, object?>("k", "v"));
        var lines = (await exporter.ScrapeAsync(Ct)).Split('\n');

        // Assert: le is inclusive (0.1 falls in le="0.1").
        Assert.Contains("# TYPE nsm_test_latency_seconds histogram", lines);
        Assert.Contains("nsm_test_latency_seconds_bucket{k=\"v\",le=\"0.1\"} 2", lines);
        Assert.Contains("nsm_test_latency_seconds_bucket{k=\"v\",le=\"1\"} 3", lines);
        Assert.Contains("nsm_test_latency_seconds_bucket{k=\"v\",le=\"+Inf\"} 4", lines);
        Assert.Contains("nsm_test_latency_seconds_sum{k=\"v\"} 7.65", lines);
        Assert.Contains("nsm_test_latency_seconds_count{k=\"v\"} 4", lines);
        Assert.Equal(3, lines.Count(l => l.StartsWith("nsm_test_latency_seconds_bucket", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Histograms_without_advice_get_the_OpenTelemetry_default_buckets()
    {
        // Arrange
        using var exporter = new PrometheusMetricsExporter(Factory);
        var histogram = Factory.Create(NsmMetrics.MeterName).CreateHistogram<long>("test_size_bytes");

        // Act
        histogram.Record(3);
        var lines = (await exporter.ScrapeAsync(Ct)).Split('\n');

        // Assert
        var bounds = lines.Where(l => l.StartsWith("nsm_test_size_bytes_bucket{le=", StringComparison.Ordinal)).ToArray();
        Assert.Equal(PrometheusMetricsExporter.DefaultBuckets.Count + 1, bounds.Length);
        Assert.Equal("nsm_test_size_bytes_bucket{le=\"0\"} 0", bounds[0]);
        Assert.Equal("nsm_test_size_bytes_bucket{le=\"5\"} 1", bounds[1]);
        Assert.Equal("nsm_test_size_bytes_bucket{le=\"10000\"} 1", bounds[^2]);
    }

    [Fact]
    public async Task Label_sets_in_any_order_are_one_series_and_label_values_are_escaped()
    {
        // Arrange
        using var exporter = new PrometheusMetricsExporter(Factory);
        var counter = Factory.Create(NsmMetrics.MeterName).CreateCounter<long>("test_events_total", "{event}", "Events.");

        // Act
        counter.Add(1, new("b", "x"), new("a", "quote \" and \\ and\nnewline"));
        counter.Add(2, new("a", "quote \" and \\ and\nnewline"), new("b", "x"));
        var text = await exporter.ScrapeAsync(Ct);

        // Assert: one series with both measurements, labels sorted by name; the adapter puts the unit before the
        // description and the instrument's kind after it.
        Assert.Contains(
            """
            # HELP nsm_test_events_total ({event}) Events. (Counter`1)
            # TYPE nsm_test_events_total gauge
            nsm_test_events_total{a="quote \" and \\ and\nnewline",b="x"} 3

            """,
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meters_of_other_factories_and_other_names_are_not_exported()
    {
        // Arrange
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var exporter = new PrometheusMetricsExporter(Factory);
        otherServices.GetRequiredService<IMeterFactory>().Create(NsmMetrics.MeterName).CreateCounter<long>("test_foreign").Add(1);
        Factory.Create("Some.Other.Meter").CreateCounter<long>("test_unrelated").Add(1);
        using var global = new Meter(NsmMetrics.MeterName);
        global.CreateCounter<long>("test_global").Add(1);

        // Act
        var text = await exporter.ScrapeAsync(Ct);

        // Assert
        Assert.DoesNotContain("test_foreign", text, StringComparison.Ordinal);
        Assert.DoesNotContain("test_unrelated", text, StringComparison.Ordinal);
        Assert.DoesNotContain("test_global", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NsmMetrics.MeterName, NsmMetrics.CallsInstrument, "nsm_calls_total")]
    [InlineData(NsmMetrics.MeterName, NsmMetrics.DurationInstrument, "nsm_call_duration_seconds")]
    [InlineData(NsmMetrics.MeterName, NsmStateMetrics.PcrLockedInstrument, "nsm_pcr_locked")]
    [InlineData(NsmMetrics.MeterName, NsmStateMetrics.EmulatedInstrument, "nsm_emulated")]
    [InlineData(DashboardMetrics.MeterName, DashboardMetrics.OpenCircuitsInstrument, "dashboard_circuits_open")]
    [InlineData(DashboardMetrics.MeterName, DashboardMetrics.ConnectedCircuitsInstrument, "dashboard_circuits_connected")]
    [InlineData(DashboardMetrics.MeterName, DashboardMetrics.BuildInfoInstrument, "dashboard_build_info")]
    [InlineData(DashboardMetrics.MeterName, NsmStateMetrics.ChangedOutsideInstrument, "dashboard_pcr_changed_outside")]
    [InlineData(DashboardMetrics.MeterName, NsmStateMetrics.ReplayTimestampInstrument, "dashboard_pcr_replay_timestamp_seconds")]
    [InlineData(DashboardMetrics.MeterName, AuditMetrics.RecordsDroppedInstrument, "dashboard_audit_records_dropped_total")]
    public async Task An_instrument_is_exported_as_meter_underscore_instrument_with_no_suffix_added(string meter, string instrument, string expected)
    {
        // Arrange: a unit, which the adapter must not turn into a suffix.
        using var exporter = new PrometheusMetricsExporter(Factory);
        Factory.Create(meter).CreateObservableGauge(instrument, () => 1, "s");

        // Act
        var lines = (await exporter.ScrapeAsync(Ct)).Split('\n');

        // Assert
        Assert.Contains($"{expected} 1", lines);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(32, "32")]
    [InlineData(-3, "-3")]
    [InlineData(0.000025, "2.5e-05")]
    [InlineData(7.65, "7.65")]
    [InlineData(1796553335.841, "1796553335.841")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(double.NaN, "NaN")]
    public async Task Numbers_are_written_as_Prometheus_reads_them(double value, string expected)
    {
        // Prometheus parses sample values with Go's strconv.ParseFloat, which reads "Infinity" as well as "+Inf".
        // Arrange
        using var exporter = new PrometheusMetricsExporter(Factory);
        Factory.Create(DashboardMetrics.MeterName).CreateObservableGauge("test_value", () => value);

        // Act
        var lines = (await exporter.ScrapeAsync(Ct)).Split('\n');

        // Assert
        Assert.Contains($"dashboard_test_value {expected}", lines);
    }

    [Fact]
    public async Task The_process_collector_is_served_beside_the_meters()
    {
        // Arrange
        using var exporter = new PrometheusMetricsExporter(Factory);

        // Act
        var lines = (await exporter.ScrapeAsync(Ct)).Split('\n');

        // Assert
        Assert.Contains("# TYPE process_start_time_seconds gauge", lines);
        Assert.Contains("# TYPE process_cpu_seconds_total counter", lines);
        Assert.Contains("# TYPE dotnet_total_memory_bytes gauge", lines);
    }
}
