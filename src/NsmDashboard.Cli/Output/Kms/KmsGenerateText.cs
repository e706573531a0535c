using NsmDashboard.Attestation;
using NsmDashboard.Kms;

namespace NsmDashboard.Cli.Output.Kms;

/// <summary>The human-readable form of <c>nsm kms-policy generate</c>: what was pinned, then the JSON to paste.</summary>
internal static class KmsGenerateText
{
    private const int Width = 10;

    public static void Write(TextWriter output, KmsPolicyGeneration generation)
    {
        Field(output, "source", generation.Evidence.Source);
        Field(output, "keys", generation.Kind == AttestationDocumentKind.NitroTpm
            ? "NitroTPM (kms:RecipientAttestation:NitroTPMPCR<n>)"
            : "Nitro Enclave (kms:RecipientAttestation:PCR<n>; ImageSha384 is PCR0)");
        Field(output, "operator", $"{KmsPolicyGenerator.Operator}, values in lower-case hex");
        Field(output, "applies to", string.Join(", ", KmsOperations.All.Select(o => o.ActionName())));
        foreach (var (key, value) in generation.Conditions)
        {
            Field(output, "PCR" + key.PcrIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
        }

        output.WriteLine();
        output.WriteLine("Condition block (paste into a statement):");
        output.WriteLine("\"Condition\": " + generation.ConditionJson);
        output.WriteLine();
        output.WriteLine("Key policy statement (Decrypt, GenerateDataKey, GenerateDataKeyPair, DeriveSharedSecret):");
        output.WriteLine(generation.KeyPolicyStatementJson);
        output.WriteLine();
        output.WriteLine("IAM policy statement for the role (GenerateRandom uses no key, so the key policy does not govern it):");
        output.WriteLine(generation.IamPolicyStatementJson);
        output.WriteLine();
        output.WriteLine("notes");
        foreach (var note in generation.Notes)
        {
            output.WriteLine($"  - {note}");
        }
    }

    private static void Field(TextWriter output, string key, string value) => TextFormat.Field(output, key, value, Width);
}
