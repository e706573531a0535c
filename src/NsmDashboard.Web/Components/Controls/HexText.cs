using System.Globalization;

namespace NsmDashboard.Web.Components.Controls;

/// <summary>Parsing and display of hex text typed or pasted by people.</summary>
public static class HexText
{
    /// <summary>
    /// Parses hex digits, ignoring white space, <c>:</c> separators and one leading <c>0x</c>, so that
    /// values copied from <c>openssl</c>, <c>xxd -p</c> or this dashboard all work.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="bytes">The bytes, or empty on failure.</param>
    /// <param name="error">Why the text is not hex, naming the first bad character; <see langword="null"/> on success.</param>
    /// <returns>Whether the text is hex.</returns>
    public static bool TryParse(string? text, out byte[] bytes, out string? error)
    {
        bytes = [];
        var span = (text ?? string.Empty).AsSpan().Trim();
        if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            span = span[2..];
        }

        var digits = new char[span.Length];
        var count = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsAsciiHexDigit(c))
            {
                digits[count++] = c;
            }
            else if (!char.IsWhiteSpace(c) && c != ':')
            {
                error = string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{c}' at position {i + 1} is not a hex digit (0-9, a-f).");
                return false;
            }
        }

        if (count % 2 != 0)
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"{count} hex digits is an odd number: every byte takes two digits.");
            return false;
        }

        bytes = Convert.FromHexString(digits.AsSpan(0, count));
        error = null;
        return true;
    }

    /// <summary>
    /// Shortens a long value to its head and tail (<c>a1b2c3d4…e5f6a7b8</c>), leaving short ones whole.
    /// </summary>
    public static string Abbreviate(string value, int head = 12, int tail = 8)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(head);
        ArgumentOutOfRangeException.ThrowIfNegative(tail);
        return value.Length <= head + tail + 1 ? value : string.Concat(value.AsSpan(0, head), "…", value.AsSpan(value.Length - tail));
    }
}
