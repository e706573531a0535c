using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// Serves the dashboard's own meters (<see cref="NsmMetrics.MeterName"/>, <see cref="DashboardMetrics.MeterName"/>)
/// in the Prometheus text format at <c>/metrics</c>, aggregating with a <see cref="MeterListener"/>.
/// </summary>
/// <remarks>
/// <para>Why not OpenTelemetry.Exporter.Prometheus.AspNetCore: the only version served is a beta (1.20.1-beta.1),
/// it brings the OpenTelemetry SDK (a metrics pipeline, periodic readers, several assemblies) into an enclave
/// image for three instruments, and its output names follow the SDK's changing conventions. These ~300 lines
/// do exactly what <c>/metrics</c> needs — sums, last values and explicit-bucket histograms, read at scrape
/// time — with names fixed by our tests.</para>
/// <para>Only meters created by this app's <see cref="IMeterFactory"/> are listened to (their
/// <see cref="Meter.Scope"/> is that factory), so two dashboards in one process (tests) never mix counts.
/// Create it at startup: measurements made before it starts listening are not seen.</para>
/// </remarks>
public sealed class PrometheusMetricsExporter : IDisposable
{
    private static readonly string[] MeterNames = [NsmMetrics.MeterName, DashboardMetrics.MeterName];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();
    private readonly Lock _scrapeGate = new();

    /// <summary>Starts listening to the meters of <paramref name="meterFactory"/>.</summary>
    public PrometheusMetricsExporter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && MeterNames.Contains(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument, _families.GetOrAdd(instrument, i => new MetricFamily(i)));
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _families.TryRemove(instrument, out MetricFamily? _);
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>The content type of <see cref="Scrape"/>'s text.</summary>
    public static string ContentType => PrometheusText.ContentType;

    /// <summary>Reads the observable instruments and returns every metric in the text exposition format.</summary>
    public string Scrape()
    {
        var text = new StringBuilder(4096);
        lock (_scrapeGate)
        {
            // Observable callbacks run here, on the scraping thread; one scrape at a time keeps "last value" whole.
            _listener.RecordObservableInstruments();
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.WriteTo(text);
            }
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();
}
