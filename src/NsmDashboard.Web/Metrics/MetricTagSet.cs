using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// The labels of one time series, sorted by name, with their Prometheus text rendered once. Looked up from the
/// measurement's tag span without allocating (<see cref="Comparer"/> is an alternate comparer for
/// <see cref="ReadOnlySpan{T}"/>); equal label sets in any order are the same series.
/// </summary>
internal sealed class MetricTagSet
{
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly int _hash;

    private MetricTagSet(KeyValuePair<string, object?>[] sortedTags, int hash)
    {
        _tags = sortedTags;
        _hash = hash;
        Labels = Render(sortedTags);
    }

    /// <summary>The comparer for dictionaries keyed by tag sets.</summary>
    public static TagSetComparer Comparer { get; } = new();

    /// <summary>The labels as Prometheus text without braces: <c>operation="DescribePCR",result="ok"</c>; empty without tags.</summary>
    public string Labels { get; }

    /// <summary>Copies a measurement's tags into a set.</summary>
    public static MetricTagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = tags.ToArray();
        Array.Sort(copy, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new MetricTagSet(copy, HashOf(tags));
    }

    // Order-independent, so that {a, b} and {b, a} meet in the same bucket.
    private static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = tags.Length;
        foreach (var (key, value) in tags)
        {
            hash += HashCode.Combine(key, value);
        }

        return hash;
    }

    private static bool SameTags(ReadOnlySpan<KeyValuePair<string, object?>> tags, MetricTagSet set)
    {
        if (tags.Length != set._tags.Length)
        {
            return false;
        }

        foreach (var (key, value) in tags)
        {
            var found = false;
            foreach (var (setKey, setValue) in set._tags)
            {
                if (string.Equals(key, setKey, StringComparison.Ordinal))
                {
                    found = Equals(value, setValue);
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static string Render(KeyValuePair<string, object?>[] tags)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in tags)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(PrometheusText.Name(key)).Append("=\"");
            PrometheusText.AppendLabelValue(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
            text.Append('"');
        }

        return text.ToString();
    }

    /// <summary>Compares tag sets with each other and with a measurement's tag span.</summary>
    internal sealed class TagSetComparer :
        IEqualityComparer<MetricTagSet>,
        IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, MetricTagSet>
    {
        public bool Equals(MetricTagSet? x, MetricTagSet? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x._hash == y._hash && SameTags(x._tags, y));

        public int GetHashCode([DisallowNull] MetricTagSet obj) => obj._hash;

        public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, MetricTagSet other) => SameTags(alternate, other);

        public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => HashOf(alternate);

        public MetricTagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => MetricTagSet.Create(alternate);
    }
}
