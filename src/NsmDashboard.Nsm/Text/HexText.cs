using System.Diagnostics.CodeAnalysis;

namespace NsmDashboard.Nsm.Text;

/// <summary>
/// Hex as people type or paste it, read one way by the CLI, the API and the pages: digits in either case,
/// one leading <c>0x</c>, and white space or <c>:</c> anywhere, so values copied from <c>openssl</c>, <c>xxd -p</c>,
/// the spaced vectors of docs/nsm-messages.md#hex-vectors or this dashboard all work. An empty text is zero bytes
/// (how an empty byte string is asked for).
/// </summary>
public static class HexText
{
    /// <summary>Parses hex text.</summary>
    /// <param name="text">The text; <see langword="null"/> reads as empty.</param>
    /// <param name="bytes">The bytes, or empty on failure.</param>
    /// <param name="error">What is wrong and where, on failure.</param>
    public static bool TryParse(string? text, out byte[] bytes, [NotNullWhen(false)] out HexTextError? error)
    {
        bytes = [];
        var span = (text ?? string.Empty).AsSpan();
        var start = span.Length - span.TrimStart().Length;
        if (span[start..].StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            start += 2;
        }

        var digits = new char[span.Length - start];
        var count = 0;
        for (var i = start; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsAsciiHexDigit(c))
            {
                digits[count++] = c;
            }
            else if (!char.IsWhiteSpace(c) && c != ':')
            {
                error = new HexTextError(HexTextErrorKind.NotAHexDigit, i + 1, c, count);
                return false;
            }
        }

        if (count % 2 != 0)
        {
            error = new HexTextError(HexTextErrorKind.OddDigitCount, null, null, count);
            return false;
        }

        bytes = Convert.FromHexString(digits.AsSpan(0, count));
        error = null;
        return true;
    }

    /// <summary>Parses hex text, or throws saying what is wrong and where.</summary>
    /// <exception cref="HexTextException">The text is not hex.</exception>
    public static byte[] Parse(string? text) =>
        TryParse(text, out var bytes, out var error) ? bytes : throw new HexTextException(error);

    /// <summary>Shortens a long value to its head and tail (<c>a1b2c3d4…e5f6a7b8</c>), leaving short ones whole.</summary>
    public static string Abbreviate(string value, int head = 12, int tail = 8)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(head);
        ArgumentOutOfRangeException.ThrowIfNegative(tail);
        return value.Length <= head + tail + 1 ? value : string.Concat(value.AsSpan(0, head), "…", value.AsSpan(value.Length - tail));
    }
}
