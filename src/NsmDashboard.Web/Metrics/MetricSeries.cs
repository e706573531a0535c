using System.Text;

namespace NsmDashboard.Web.Metrics;

/// <summary>One time series: a value, or a histogram's bucket counts, sum and count. Thread-safe.</summary>
internal sealed class MetricSeries(MetricTagSet tags, int boundCount)
{
    private readonly Lock _histogramGate = new();
    private readonly long[] _bucketCounts = new long[boundCount + 1];
    private double _value;
    private double _sum;
    private long _count;

    public MetricTagSet Tags { get; } = tags;

    public void Add(double delta)
    {
        double seen, updated;
        do
        {
            seen = Volatile.Read(ref _value);
            updated = seen + delta;
        }
        while (Interlocked.CompareExchange(ref _value, updated, seen) != seen);
    }

    public void Set(double value) => Volatile.Write(ref _value, value);

    public void Observe(double value, double[] bounds)
    {
        // The bucket is the first whose upper bound is ≥ the value (Prometheus "le"); beyond the last, +Inf.
        var bucket = Array.BinarySearch(bounds, value);
        if (bucket < 0)
        {
            bucket = ~bucket;
        }

        // One lock per series keeps a scrape from seeing a count without its bucket; it is uncontended
        // except when two NSM calls of the same operation and result finish at the same instant.
        lock (_histogramGate)
        {
            _bucketCounts[bucket]++;
            _sum += value;
            _count++;
        }
    }

    public void WriteValue(StringBuilder text, string name)
    {
        text.Append(name);
        if (Tags.Labels.Length > 0)
        {
            text.Append('{').Append(Tags.Labels).Append('}');
        }

        text.Append(' ').Append(PrometheusText.Number(Volatile.Read(ref _value))).Append('\n');
    }

    public void WriteHistogram(StringBuilder text, string name, double[] bounds)
    {
        long[] counts;
        double sum;
        long count;
        lock (_histogramGate)
        {
            counts = (long[])_bucketCounts.Clone();
            sum = _sum;
            count = _count;
        }

        var separator = Tags.Labels.Length > 0 ? "," : string.Empty;
        long cumulative = 0;
        for (var i = 0; i <= bounds.Length; i++)
        {
            cumulative += counts[i];
            var le = i < bounds.Length ? PrometheusText.Number(bounds[i]) : "+Inf";
            text.Append(name).Append("_bucket{").Append(Tags.Labels).Append(separator)
                .Append("le=\"").Append(le).Append("\"} ").Append(cumulative).Append('\n');
        }

        var labels = Tags.Labels.Length > 0 ? "{" + Tags.Labels + "}" : string.Empty;
        text.Append(name).Append("_sum").Append(labels).Append(' ').Append(PrometheusText.Number(sum)).Append('\n');
        text.Append(name).Append("_count").Append(labels).Append(' ').Append(count).Append('\n');
    }
}
