using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// One instrument's series, aggregated the way Prometheus expects: counters and up-down counters summed,
/// observable instruments as their last observation, histograms into cumulative buckets.
/// </summary>
internal sealed class MetricFamily
{
    private readonly ConcurrentDictionary<MetricTagSet, MetricSeries> _series = new(MetricTagSet.Comparer);
    private readonly ConcurrentDictionary<MetricTagSet, MetricSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private readonly double[] _bounds;

    public MetricFamily(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        (Type, Aggregation) = instrument switch
        {
            Counter<long> or Counter<int> or Counter<double> => ("counter", MetricAggregation.Sum),
            ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => ("counter", MetricAggregation.Last),
            Histogram<long> or Histogram<int> or Histogram<double> => ("histogram", MetricAggregation.Histogram),
            UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double> => ("gauge", MetricAggregation.Sum),
            _ => ("gauge", MetricAggregation.Last),
        };
        Name = PrometheusText.MetricName(instrument.Name, instrument.Unit, Type == "counter");
        Help = instrument.Description ?? instrument.Name;
        _bounds = instrument switch
        {
            Histogram<double> { Advice.HistogramBucketBoundaries: { } b } => [.. b],
            Histogram<long> { Advice.HistogramBucketBoundaries: { } b } => [.. b.Select(v => (double)v)],
            Histogram<int> { Advice.HistogramBucketBoundaries: { } b } => [.. b.Select(v => (double)v)],
            _ => DefaultBounds,
        };
    }

    /// <summary>OpenTelemetry's default explicit bucket boundaries, for histograms without advice.</summary>
    public static double[] DefaultBounds { get; } = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    /// <summary>The metric's Prometheus name.</summary>
    public string Name { get; }

    /// <summary>The HELP text.</summary>
    public string Help { get; }

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string Type { get; }

    private MetricAggregation Aggregation { get; }

    /// <summary>Adds one measurement to the series its tags name (created on first use).</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_lookup.TryGetValue(tags, out var series))
        {
            series = new MetricSeries(MetricTagSet.Create(tags), _bounds.Length);
            if (!_series.TryAdd(series.Tags, series))
            {
                series = _series[series.Tags];
            }
        }

        switch (Aggregation)
        {
            case MetricAggregation.Sum:
                series.Add(value);
                break;
            case MetricAggregation.Last:
                series.Set(value);
                break;
            default:
                series.Observe(value, _bounds);
                break;
        }
    }

    /// <summary>Writes HELP, TYPE and every series, ordered by labels so that scrapes are stable.</summary>
    public void WriteTo(StringBuilder text)
    {
        text.Append("# HELP ").Append(Name).Append(' ');
        PrometheusText.AppendHelp(text, Help);
        text.Append('\n').Append("# TYPE ").Append(Name).Append(' ').Append(Type).Append('\n');
        foreach (var series in _series.Values.OrderBy(s => s.Tags.Labels, StringComparer.Ordinal))
        {
            if (Aggregation == MetricAggregation.Histogram)
            {
                series.WriteHistogram(text, Name, _bounds);
            }
            else
            {
                series.WriteValue(text, Name);
            }
        }
    }
}

/// <summary>How measurements of an instrument combine.</summary>
internal enum MetricAggregation
{
    /// <summary>Added up (counters, up-down counters).</summary>
    Sum,

    /// <summary>The last observation wins (observable instruments report totals or current values).</summary>
    Last,

    /// <summary>Counted into buckets, with a sum and a count.</summary>
    Histogram,
}
