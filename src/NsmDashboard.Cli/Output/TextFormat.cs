using System.Globalization;
using System.Text;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>
/// The human-readable output: <c>key  value</c> lines with the keys padded to one column, so the text is
/// both readable and easy to cut with <c>awk</c>. Every format here is stable; scripts may rely on it.
/// </summary>
internal static class TextFormat
{
    /// <summary>ISO 8601 UTC with milliseconds, e.g. <c>2021-10-28T17:02:02.077Z</c>.</summary>
    public static string Time(DateTimeOffset value) => AttestationValidationTime.Utc(value);

    /// <summary>A set of indices as ranges: <c>0-15</c>, <c>0-3,16</c>, or <c>none</c>.</summary>
    public static string Ranges(IEnumerable<int> values)
    {
        var sorted = values.Distinct().Order().ToList();
        if (sorted.Count == 0)
        {
            return "none";
        }

        var text = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var start = sorted[i];
            var end = start;
            while (i + 1 < sorted.Count && sorted[i + 1] == end + 1)
            {
                end = sorted[++i];
            }

            i++;
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(start.ToString(CultureInfo.InvariantCulture));
            if (end != start)
            {
                text.Append('-').Append(end.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>Writes <c>key</c> padded to <paramref name="width"/>, two spaces, then the value.</summary>
    public static void Field(TextWriter output, string key, string value, int width) =>
        output.WriteLine($"{key.PadRight(width)}  {value}");

    /// <summary>A PCR line: <c>PCR16  unlocked  &lt;hex&gt;</c>.</summary>
    public static string PcrLine(int index, bool locked, ReadOnlySpan<byte> value) =>
        string.Create(CultureInfo.InvariantCulture, $"{"PCR" + index.ToString(CultureInfo.InvariantCulture),-5}  {(locked ? "locked" : "unlocked"),-8}  {Convert.ToHexStringLower(value)}");
}
