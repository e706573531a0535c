using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Web.Metrics;

namespace NsmDashboard.Web.Api.Tests.Metrics;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Histograms_have_cumulative_buckets_an_Inf_bucket_a_sum_and_a_count()
    {
        // Arrange
        using var exporter = new PrometheusMetricsExporter(Factory);
        var histogram = Factory.Create(NsmMetrics.MeterName).CreateHistogram<double>(
            "test.latency", "s", "Latency.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });

        // Act
        histogram.Record(0.05, new KeyValuePair<string, object?>("k", "v"));
        histogram.Record(0.1, new KeyValuePair<string, object?>("k", "v"));
        histogram.Record(0.5, new KeyValuePair<string, object?>("k", "v"));
        histogram.Record(7, new KeyValuePair<string, object?>("k", "v"));
        var text = exporter.Scrape();

        // Assert: le is inclusive (0.1 falls in le="0.1").
        Assert.Contains(
            """
            # HELP test_latency_seconds Latency.
            # TYPE test_latency_seconds histogram
            test_latency_seconds_bucket{k="v",le="0.1"} 2
            test_latency_seconds_bucket{k="v",le="1"} 3
            test_latency_seconds_bucket{k="v",le="+Inf"} 4
            test_latency_seconds_sum{k="v"} 7.65
            test_latency_seconds_count{k="v"} 4

            """,
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Label_sets_in_any_order_are_one_series_and_values_are_escaped()
    {
        // Arrange
        using var exporter = new PrometheusMetricsExporter(Factory);
        var counter = Factory.Create(NsmMetrics.MeterName).CreateCounter<long>("test.events", "{event}", "Line one\nand a \\ backslash.");

        // Act
        counter.Add(1, new("b", "x"), new("a", "quote \" and \\ and\nnewline"));
        counter.Add(2, new("a", "quote \" and \\ and\nnewline"), new("b", "x"));
        var text = exporter.Scrape();

        // Assert
        Assert.Contains(
            """
            # HELP test_events_total Line one\nand a \\ backslash.
            # TYPE test_events_total counter
            test_events_total{a="quote \" and \\ and\nnewline",b="x"} 3

            """,
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Meters_of_other_factories_and_other_names_are_not_exported()
    {
        // Arrange
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var exporter = new PrometheusMetricsExporter(Factory);
        otherServices.GetRequiredService<IMeterFactory>().Create(NsmMetrics.MeterName).CreateCounter<long>("test.foreign").Add(1);
        Factory.Create("Some.Other.Meter").CreateCounter<long>("test.unrelated").Add(1);
        using var global = new Meter(NsmMetrics.MeterName);
        global.CreateCounter<long>("test.global").Add(1);

        // Act
        var text = exporter.Scrape();

        // Assert
        Assert.DoesNotContain("test_foreign", text, StringComparison.Ordinal);
        Assert.DoesNotContain("test_unrelated", text, StringComparison.Ordinal);
        Assert.DoesNotContain("test_global", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nsm.calls", "{call}", true, "nsm_calls_total")]
    [InlineData("nsm.call.duration", "s", false, "nsm_call_duration_seconds")]
    [InlineData("dashboard.circuits.open", "{circuit}", false, "dashboard_circuits_open")]
    [InlineData("http.request.size", "By", false, "http_request_size_bytes")]
    [InlineData("queue-depth", null, false, "queue_depth")]
    [InlineData("9lives", "1", true, "_lives_total")]
    [InlineData("jobs_total", null, true, "jobs_total")]
    public void Names_follow_the_OpenTelemetry_to_Prometheus_mapping(string instrument, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusText.MetricName(instrument, unit, counter));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(32, "32")]
    [InlineData(-3, "-3")]
    [InlineData(0.000025, "2.5E-05")]
    [InlineData(7.65, "7.65")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1e300, "1E+300")]
    public void Numbers_are_written_as_Prometheus_reads_them(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.Number(value));
}
