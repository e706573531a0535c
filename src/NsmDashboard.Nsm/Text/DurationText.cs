using System.Globalization;

namespace NsmDashboard.Nsm.Text;

/// <summary>
/// Durations as people write them, read one way by <c>nsm verify --max-age</c> and <c>nsm-proxy</c>'s timeouts: a
/// number and a unit (<c>500ms</c>, <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c>), several in a row (<c>1h30m</c>), plain
/// seconds (<c>45</c>), or ISO 8601 (<c>PT5M</c>, <c>P1DT2H</c>, <c>PT0.5S</c>; weeks, months and years have no fixed
/// length and are refused). Zero is a duration; whether it is allowed is the caller's rule. At most
/// <see cref="Max"/>: longer is surely a typo, and arithmetic on it stays far from overflow.
/// </summary>
public static class DurationText
{
    /// <summary>The longest duration accepted: 366 days.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(366);

    /// <summary>Parses a duration (zero to <see cref="Max"/>).</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        var total = trimmed[0] is 'P' or 'p' ? ParseIso(trimmed[1..])
            : TryReadNumber(trimmed, 0, out var end, out var seconds) && end == trimmed.Length ? Scale(0, seconds, TimeSpan.TicksPerSecond)
            : ParseUnits(trimmed);
        if (total is not { } ticks || ticks > Max.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>A readable form for log lines: <c>10m</c>, <c>30s</c>, <c>1.5s</c>, <c>none</c> for an infinite timeout.</summary>
    public static string Format(TimeSpan value) =>
        value == Timeout.InfiniteTimeSpan ? "none"
        : value.TotalSeconds >= 60 && value.TotalSeconds % 60 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0.##}m")
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###}s");

    // 1h30m, 90s, 500ms: number-unit pairs.
    private static long? ParseUnits(string text)
    {
        long? total = 0;
        var i = 0;
        while (i < text.Length && total is not null)
        {
            if (!TryReadNumber(text, i, out i, out var number))
            {
                return null;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            var unit = text[unitStart..i].ToLowerInvariant() switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" or "min" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                "d" => TimeSpan.TicksPerDay,
                _ => 0L,
            };
            total = unit == 0 ? null : Scale(total.Value, number, unit);
        }

        return total;
    }

    // ISO 8601 without the leading P: [nD][T[nH][nM][nS]], each designator at most once and in that order.
    private static long? ParseIso(string text)
    {
        long? total = 0;
        var i = 0;
        var inTime = false;
        var any = false;
        var order = "D";
        while (i < text.Length && total is not null)
        {
            if (text[i] is 'T' or 't' && !inTime)
            {
                (inTime, order) = (true, "HMS");
                i++;
                continue;
            }

            if (!TryReadNumber(text, i, out i, out var number) || i >= text.Length)
            {
                return null;
            }

            var designator = char.ToUpperInvariant(text[i++]);
            var position = order.IndexOf(designator, StringComparison.Ordinal);
            if (position < 0)
            {
                return null;
            }

            order = order[(position + 1)..];
            var unit = designator switch
            {
                'D' => TimeSpan.TicksPerDay,
                'H' => TimeSpan.TicksPerHour,
                'M' => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerSecond,
            };
            total = Scale(total.Value, number, unit);
            any = true;
        }

        return any ? total : null;
    }

    private static bool TryReadNumber(string text, int start, out int end, out decimal number)
    {
        end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        return decimal.TryParse(text.AsSpan(start, end - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    // total + number × unit, or null past Max (compared before multiplying: a long run of digits times a day in ticks
    // overflows decimal itself).
    private static long? Scale(long total, decimal number, long unit) =>
        number > (decimal)(Max.Ticks - total) / unit ? null : total + (long)(number * unit);
}
