using System.Diagnostics.CodeAnalysis;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// Hex text given on the command line or on standard input: digits in either case, an optional
/// <c>0x</c> prefix, and whitespace anywhere (so the spaced vectors of docs/nsm-messages.md#hex-vectors paste as
/// they are). An empty text is zero bytes, which is how an empty byte string is asked for.
/// </summary>
internal static class HexArgument
{
    /// <summary>Parses hex text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="bytes">The bytes, when the text is hex.</param>
    /// <param name="error">What is wrong and where, otherwise.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            start = text.Length - trimmed.Length + 2;
        }

        var digits = new List<byte>(text.Length);
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c))
            {
                bytes = null;
                error = string.Create(CultureInfo.InvariantCulture, $"'{Printable(c)}' at position {i + 1} is not a hex digit");
                return false;
            }

            digits.Add((byte)HexValue(c));
        }

        if (digits.Count % 2 != 0)
        {
            bytes = null;
            error = string.Create(CultureInfo.InvariantCulture, $"odd number of hex digits ({digits.Count}); every byte is two digits");
            return false;
        }

        bytes = new byte[digits.Count / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((digits[2 * i] << 4) | digits[(2 * i) + 1]);
        }

        error = null;
        return true;
    }

    /// <summary>Parses hex text or throws a usage error naming <paramref name="what"/>.</summary>
    /// <exception cref="CliException">The text is not hex (exit 2).</exception>
    public static byte[] Parse(string text, string what) =>
        TryParse(text, out var bytes, out var error)
            ? bytes
            : throw CliException.Usage($"{what} is not hex: {error}");

    /// <summary>A System.CommandLine parser for an option whose value is hex; errors become parse errors (exit 2).</summary>
    public static HexBytes? ParseOption(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var token = result.Tokens[^1].Value;
        if (TryParse(token, out var bytes, out var error))
        {
            return new HexBytes(bytes);
        }

        var name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        result.AddError($"{name}: '{token}' is not hex: {error}");
        return null;
    }

    /// <summary>A hex option: <c>--name HEX</c>.</summary>
    public static Option<HexBytes?> CreateOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "HEX",
        CustomParser = ParseOption,
    };

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };

    private static string Printable(char c) => char.IsControl(c)
        ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}")
        : c.ToString();
}
