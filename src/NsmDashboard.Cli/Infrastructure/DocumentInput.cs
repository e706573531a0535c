using System.CommandLine;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>
/// The document argument of <c>decode</c> and <c>verify</c>: a file, or <c>-</c> (the default) for standard input,
/// holding raw CBOR, base64 or hex — <see cref="AttestationInput"/> detects which.
/// </summary>
internal static class DocumentInput
{
    public const string StandardInput = "-";

    public static Argument<string> CreateArgument() => new("FILE")
    {
        Description = "The attestation document: raw CBOR, base64 or hex; '-' or nothing reads standard input",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => StandardInput,
    };

    /// <summary>Reads and unwraps the document bytes.</summary>
    /// <exception cref="CliException">The file cannot be read, or it is neither CBOR nor valid base64 or hex (exit 2).</exception>
    public static (AttestationInput Input, string Source) Read(CliContext context, string path)
    {
        var standardInput = path == StandardInput;
        var bytes = standardInput ? context.Console.ReadAllStandardInput() : InputFiles.ReadAllBytes(path, "FILE");
        var source = standardInput ? "standard input" : path;
        try
        {
            return (AttestationInput.Parse(bytes), source);
        }
        catch (AttestationInputException e)
        {
            throw CliException.Usage($"{source}: not an attestation document in CBOR, base64 or hex: {e.Message}", e);
        }
    }

    /// <summary>How the input format is named in output: <c>cbor</c>, <c>base64</c>, <c>base64url</c>, <c>hex</c>.</summary>
    public static string FormatName(AttestationInputFormat format) => format switch
    {
        AttestationInputFormat.Cbor => "cbor",
        AttestationInputFormat.Base64 => "base64",
        AttestationInputFormat.Base64Url => "base64url",
        AttestationInputFormat.Hex => "hex",
        _ => format.ToString().ToLowerInvariant(),
    };
}
