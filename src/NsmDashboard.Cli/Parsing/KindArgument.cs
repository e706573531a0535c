using System.CommandLine;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Parsing;

/// <summary><c>--kind enclave|nitrotpm</c>: the document kind a policy expects.</summary>
internal static class KindArgument
{
    public static Option<AttestationDocumentKind?> CreateOption() => new("--kind")
    {
        Description = "Require a document of this kind: 'enclave' (Nitro Enclave, pcrs) or 'nitrotpm' (EC2 instance, nitrotpm_pcrs); --expect-pcr then addresses that kind's PCRs",
        HelpName = "enclave|nitrotpm",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var kind = Parse(text);
            if (kind is null)
            {
                result.AddError($"--kind: '{text}' is not a document kind; use 'enclave' or 'nitrotpm'.");
            }

            return kind;
        },
    };

    /// <summary>The kind named on the command line; <see langword="null"/> when the name is unknown.</summary>
    public static AttestationDocumentKind? Parse(string text) => text.ToLowerInvariant() switch
    {
        "enclave" or "nitro-enclave" or "nitroenclave" => AttestationDocumentKind.NitroEnclave,
        "nitrotpm" or "nitro-tpm" or "tpm" => AttestationDocumentKind.NitroTpm,
        _ => null,
    };

    /// <summary>The kind as output names it: <c>enclave</c> or <c>nitrotpm</c>.</summary>
    public static string NameOf(AttestationDocumentKind kind) =>
        kind == AttestationDocumentKind.NitroTpm ? "nitrotpm" : "enclave";
}
