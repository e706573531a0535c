using System.Globalization;
using System.Text;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>Compact text for sets of PCR indices: <c>0–15, 17, 20–21</c>.</summary>
public static class PcrRanges
{
    /// <summary>Formats ascending or unordered indices as ranges; "none" when empty.</summary>
    public static string Format(IEnumerable<ushort> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var sorted = indices.Distinct().Order().ToArray();
        if (sorted.Length == 0)
        {
            return "none";
        }

        var text = new StringBuilder();
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i < sorted.Length && sorted[i] == sorted[i - 1] + 1)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(sorted[start].ToString(CultureInfo.InvariantCulture));
            if (i - 1 > start)
            {
                text.Append('–').Append(sorted[i - 1].ToString(CultureInfo.InvariantCulture));
            }

            start = i;
        }

        return text.ToString();
    }
}
