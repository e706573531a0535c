using System.Diagnostics.CodeAnalysis;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// Durations for <c>verify --max-age</c>: a number and a unit (<c>90s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c>,
/// <c>500ms</c>), several in a row (<c>1h30m</c>), or ISO 8601 (<c>PT5M</c>, <c>P1DT2H</c>, <c>PT0.5S</c>).
/// </summary>
internal static class DurationArgument
{
    public static Option<TimeSpan?> CreateOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DURATION",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (TryParse(text, out var value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a duration: use e.g. 90s, 5m, 1h, 1h30m, 2d or ISO 8601 (PT5M)");
            return null;
        },
    };

    /// <summary>Parses a duration; it must be positive.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out TimeSpan? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        var span = text.Trim();
        var total = span.StartsWith('P') || span.StartsWith('p') ? ParseIso(span[1..]) : ParseUnits(span);
        if (total is not { } ticks || ticks <= 0)
        {
            return false;
        }

        value = TimeSpan.FromTicks(ticks);
        return true;
    }

    // 1h30m, 90s, 500ms: number-unit pairs.
    private static long? ParseUnits(string text)
    {
        long total = 0;
        var i = 0;
        if (text.Length == 0)
        {
            return null;
        }

        while (i < text.Length)
        {
            if (!TryReadNumber(text, ref i, out var number))
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
            if (unit == 0 || !TryAdd(ref total, number, unit))
            {
                return null;
            }
        }

        return total;
    }

    // ISO 8601 without the leading P: [nD][T[nH][nM][nS]] (weeks, months and years have no fixed length).
    private static long? ParseIso(string text)
    {
        long total = 0;
        var i = 0;
        var inTime = false;
        var any = false;
        var order = "D";
        while (i < text.Length)
        {
            if (text[i] is 'T' or 't' && !inTime)
            {
                inTime = true;
                order = "HMS";
                i++;
                continue;
            }

            if (!TryReadNumber(text, ref i, out var number) || i >= text.Length)
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
            if (!TryAdd(ref total, number, unit))
            {
                return null;
            }

            any = true;
        }

        return any ? total : null;
    }

    private static bool TryReadNumber(string text, ref int i, out decimal number)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        return decimal.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static bool TryAdd(ref long total, decimal number, long unit)
    {
        // Compared before multiplying: a long run of digits times a day in ticks overflows decimal itself.
        if (number > (decimal)(TimeSpan.MaxValue.Ticks - total) / unit)
        {
            return false;
        }

        total += (long)(number * unit);
        return true;
    }
}
