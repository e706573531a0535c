using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// The NSM's instruments, on the meter <see cref="MeterName"/>: every call through the transport counted by
/// operation and result, and its duration. Recorded by <see cref="InstrumentedNsmTransport"/>, so calls from the
/// pages, the API and the scrape's own PCR reads (<see cref="NsmStateMetrics"/>) are counted alike; exported at
/// <c>/metrics</c> by <see cref="PrometheusMetricsExporter"/>, which names each metric <c>nsm_&lt;instrument&gt;</c>.
/// </summary>
public sealed class NsmMetrics
{
    /// <summary>The meter's name, the prefix of its metrics' Prometheus names.</summary>
    public const string MeterName = "nsm";

    /// <summary>The counter of calls (<c>nsm_calls_total</c> in Prometheus).</summary>
    public const string CallsInstrument = "calls_total";

    /// <summary>The histogram of call durations in seconds (<c>nsm_call_duration_seconds</c>).</summary>
    public const string DurationInstrument = "call_duration_seconds";

    /// <summary>The label naming the request variant (<c>DescribePCR</c>, <c>ExtendPCR</c>, …).</summary>
    public const string OperationTag = "operation";

    /// <summary>The label naming the outcome: <c>ok</c>, an NSM ErrorCode, or the errno name of a device failure.</summary>
    public const string ResultTag = "result";

    // From 10 µs (an emulator call) to 2.5 s (an ioctl stuck behind a busy hypervisor), roughly ×2.5 apart.
    private static readonly double[] DurationBuckets =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (one per app, so tests stay apart).</summary>
    public NsmMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>(CallsInstrument, "{call}", "NSM calls by operation and result.");
        _duration = meter.CreateHistogram<double>(
            DurationInstrument,
            "s",
            "Duration of NSM calls (request bytes in, response bytes out).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>Records one finished call.</summary>
    /// <param name="operation">The request variant.</param>
    /// <param name="result">The outcome label.</param>
    /// <param name="startTimestamp">The <see cref="Stopwatch.GetTimestamp"/> taken before the call.</param>
    public void Record(string operation, string result, long startTimestamp)
    {
        var tags = new TagList { { OperationTag, operation }, { ResultTag, result } };
        _calls.Add(1, tags);
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }
}
