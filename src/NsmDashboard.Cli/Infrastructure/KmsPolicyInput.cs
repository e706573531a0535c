using System.Globalization;
using System.Text;
using NsmDashboard.Attestation;
using NsmDashboard.Kms;
using NsmDashboard.Nsm;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>Reads what <c>nsm kms-policy</c> takes; every failure is a usage error (exit 2) naming the input.</summary>
internal static class KmsPolicyInput
{
    /// <exception cref="CliException">Unreadable, not a document, or a document KMS could not read measurements from.</exception>
    public static AttestationEvidence DocumentEvidence(CliContext context, string path)
    {
        var (input, source) = DocumentInput.Read(context, path);
        if (!AttestationDocument.TryDecode(input.Document.Span, out var document, out var error))
        {
            throw CliException.Usage($"--document {source}: not a well-formed attestation document: {error.Message}", error);
        }

        return Evidence(document, $"--document {source}");
    }

    /// <exception cref="CliException">The document carries no measurements KMS could read.</exception>
    public static AttestationEvidence Evidence(AttestationDocument document, string label)
    {
        try
        {
            return AttestationEvidence.FromDocument(document);
        }
        catch (KmsEvidenceException e)
        {
            throw CliException.Usage($"{label}: {e.Message}", e);
        }
    }

    /// <exception cref="CliException">Unreadable, or neither nitro-cli's nor nitro-tpm-pcr-compute's JSON.</exception>
    public static AttestationEvidence MeasurementsEvidence(string path)
    {
        var text = Encoding.UTF8.GetString(InputFiles.ReadAllBytes(path, "--measurements"));
        try
        {
            return AttestationEvidence.FromMeasurements(ExpectedMeasurements.Parse(text));
        }
        catch (MeasurementsFormatException e)
        {
            throw CliException.Usage($"--measurements {path}: {e.Message}", e);
        }
    }

    /// <exception cref="CliException">An assignment is not N=HEX, or the values cannot form a set.</exception>
    public static AttestationEvidence ExplicitEvidence(string[] assignments, AttestationDocumentKind kind)
    {
        try
        {
            var set = ExpectedPcrSet.Parse("--pcr", kind, assignments);
            return AttestationEvidence.FromValues(kind, set.Pcrs);
        }
        catch (Exception e) when (e is FormatException or KmsEvidenceException)
        {
            throw CliException.Usage($"--pcr: {e.Message}", e);
        }
    }

    /// <summary><c>0,1,2</c> → [0, 1, 2]; <see langword="null"/> for the default.</summary>
    /// <exception cref="CliException">Not a comma-separated list of PCR numbers.</exception>
    public static IReadOnlyCollection<int>? PcrList(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var digits = part.StartsWith("PCR", StringComparison.OrdinalIgnoreCase) ? part[3..] : part;
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 255)
            {
                throw CliException.Usage($"--pcrs: '{part}' is not a PCR number (write e.g. --pcrs 0,1,2).");
            }

            list.Add(index);
        }

        return list;
    }

    /// <exception cref="CliException">Unreadable, or not a policy (the JSON path says where).</exception>
    public static KeyPolicy Policy(CliContext context, string path)
    {
        var standardInput = path == DocumentInput.StandardInput;
        var bytes = standardInput ? context.Console.ReadAllStandardInput() : InputFiles.ReadAllBytes(path, "--policy");
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw CliException.Usage($"--policy {(standardInput ? "standard input" : path)}: not UTF-8 text", e);
        }

        try
        {
            return KeyPolicyParser.Parse(text);
        }
        catch (KeyPolicyFormatException e)
        {
            throw CliException.Usage($"--policy {(standardInput ? "standard input" : path)}: not a policy: {e.Message}", e);
        }
    }
}
