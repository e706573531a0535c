using System.Diagnostics.Metrics;
using Prometheus;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// Serves the dashboard's own meters (<see cref="NsmMetrics.MeterName"/>, <see cref="DashboardMetrics.MeterName"/>)
/// at <c>/metrics</c> through prometheus-net: its meter adapter turns the <see cref="System.Diagnostics.Metrics"/>
/// instruments into Prometheus metrics in a registry of this app's own, and its middleware writes that registry in
/// the text exposition format 0.0.4. The names and labels are documented in <c>docs/metrics.md</c>.
/// </summary>
/// <remarks>
/// <para>The adapter names a metric <c>&lt;meter&gt;_&lt;instrument&gt;</c>, lowercased, and adds no unit or
/// <c>_total</c> suffix, so the meters are called <c>nsm</c> and <c>dashboard</c> and the instruments carry their
/// Prometheus names (<c>calls_total</c>, <c>call_duration_seconds</c>). It exports .NET counters as gauges (a
/// .NET counter may be re-created, and a Prometheus counter must never go down); <c>rate</c> and
/// <c>increase</c> work on them all the same.</para>
/// <para>Only meters created by this app's <see cref="IMeterFactory"/> are exported (their <see cref="Meter.Scope"/> is
/// that factory), so two dashboards in one process (tests) never mix counts, and ASP.NET Core's own meters stay out.
/// Beside them the registry holds prometheus-net's process collector (<c>process_*</c>, <c>dotnet_*</c>): an
/// enclave's memory is fixed at launch, and a restart shows in <c>process_start_time_seconds</c>. Its other default
/// collectors (EventCounters, every meter of the process) belong to the global registry, which is never served.</para>
/// <para>Create it at startup: measurements made before it listens are not seen.</para>
/// </remarks>
public sealed class PrometheusMetricsExporter : IDisposable
{
    /// <summary>
    /// How long a series may go without a new measurement before the adapter drops it (it has no other way to learn
    /// that a label combination is gone): the longest it allows, one day, instead of its default five minutes. The
    /// observable gauges are measured at every scrape and never expire; a counter or histogram series that has not
    /// moved for a day disappears until it moves again (docs/metrics.md, "Stability").
    /// </summary>
    public static readonly TimeSpan SeriesLifetime = TimeSpan.FromDays(1);

    /// <summary>OpenTelemetry's default explicit bucket boundaries, for histograms without advice.</summary>
    public static IReadOnlyList<double> DefaultBuckets { get; } = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private static readonly string[] MeterNames = [NsmMetrics.MeterName, DashboardMetrics.MeterName];

    private readonly IDisposable _adapter;
    private readonly MetricServerMiddleware _server;

    /// <summary>Creates the registry and starts listening to the meters of <paramref name="meterFactory"/>.</summary>
    public PrometheusMetricsExporter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            // Without it the adapter writes into the global registry, whatever Registry says.
            MetricFactory = Prometheus.Metrics.WithCustomRegistry(Registry),
            InstrumentFilterPredicate = instrument =>
                ReferenceEquals(instrument.Meter.Scope, meterFactory) && MeterNames.Contains(instrument.Meter.Name),
            ResolveHistogramBuckets = BucketsOf,
            MetricsExpireAfter = SeriesLifetime,
        });

        // The text format for every client, Prometheus included: one output, documented and tested; OpenMetrics
        // would add nothing used here (no exemplars) and end-of-stream and suffix rules of its own.
        _server = new MetricServerMiddleware(
            static _ => Task.CompletedTask,
            new MetricServerMiddleware.Settings { Registry = Registry, EnableOpenMetrics = false });
    }

    /// <summary>The content type of the response.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The registry the meters are exported into.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Collects the registry (observable instruments are read now) and writes it as the response.</summary>
    public Task ServeAsync(HttpContext context) => _server.Invoke(context);

    /// <summary>Collects the registry and returns it as text, as <see cref="ServeAsync"/> would write it.</summary>
    public async Task<string> ScrapeAsync(CancellationToken cancellationToken = default)
    {
        using var text = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(text, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
    }

    /// <inheritdoc/>
    public void Dispose() => _adapter.Dispose();

    // The instrument's advice when it gives bucket boundaries (the NSM call durations do), else OpenTelemetry's default.
    private static double[] BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds],
        Histogram<long> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        _ => [.. DefaultBuckets],
    };
}
