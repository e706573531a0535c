using System.Diagnostics.CodeAnalysis;
using System.CommandLine;
using System.CommandLine.Parsing;
using NsmDashboard.Nsm.Text;

namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// Hex text given on the command line or on standard input, read by the one hex parser (<see cref="HexText"/>:
/// either case, one <c>0x</c>, white space or <c>:</c> anywhere; an empty text is zero bytes), with the
/// System.CommandLine glue that turns its errors into usage errors.
/// </summary>
internal static class HexArgument
{
    /// <summary>Parses hex text (<see cref="HexText.TryParse"/>, the one parser).</summary>
    /// <param name="text">The text.</param>
    /// <param name="bytes">The bytes, when the text is hex.</param>
    /// <param name="error">What is wrong and where, otherwise.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ok = HexText.TryParse(text, out var parsed, out var problem);
        (bytes, error) = ok ? (parsed, null) : ((byte[]?)null, problem!.Message);
        return ok;
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
}
