using System.Globalization;

namespace NsmDashboard.Proxy;

/// <summary>Durations on the command line: <c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>1h</c>, <c>1h30m</c>, or plain seconds (<c>45</c>).</summary>
internal static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        ReadOnlySpan<char> rest = (text ?? string.Empty).Trim();
        if (rest.IsEmpty)
        {
            return false;
        }

        if (double.TryParse(rest, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds))
        {
            return TryCreate(seconds * 1000, out value);
        }

        double milliseconds = 0;
        while (!rest.IsEmpty)
        {
            int digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            int letters = digits;
            while (letters < rest.Length && char.IsAsciiLetter(rest[letters]))
            {
                letters++;
            }

            if (digits == 0 || letters == digits
                || !double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                return false;
            }

            double? unit = rest[digits..letters] switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                _ => null,
            };
            if (unit is not { } factor)
            {
                return false;
            }

            milliseconds += number * factor;
            rest = rest[letters..];
        }

        return TryCreate(milliseconds, out value);
    }

    /// <summary>A readable form for log lines: <c>10m</c>, <c>30s</c>, <c>1.5s</c>.</summary>
    public static string Format(TimeSpan value) =>
        value == Timeout.InfiniteTimeSpan ? "none"
        : value.TotalSeconds >= 60 && value.TotalSeconds % 60 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0.##}m")
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###}s");

    private static bool TryCreate(double milliseconds, out TimeSpan value)
    {
        // At most a year: longer is surely a typo, and TimeSpan arithmetic stays far from overflow.
        value = default;
        if (double.IsNaN(milliseconds) || milliseconds < 0 || milliseconds > 366 * 86_400_000d)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }
}
