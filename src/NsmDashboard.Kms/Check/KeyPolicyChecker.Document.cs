using System.Globalization;
using System.Security.Cryptography;

namespace NsmDashboard.Kms;

public static partial class KeyPolicyChecker
{
    /// <summary>KMS keeps key policies up to 32 KB (https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html).</summary>
    private const int KeyPolicyMaxLength = 32 * 1024;

    // What depends on this document: the platform of each statement's keys, Denies that apply, the Recipient key.
    private static void FindDocumentMistakes(List<StatementCheck> statements, AttestationEvidence evidence, List<KeyPolicyFinding> findings)
    {
        foreach (var check in statements)
        {
            var statement = check.Statement;
            var platforms = statement.Conditions
                .Where(c => c.AttestationKey is not null && IsRequiring(c.Operator))
                .Select(c => c.AttestationKey!.DocumentKind)
                .Distinct()
                .ToList();
            if (statement.Effect == PolicyEffect.Allow && platforms.Count == 1 && platforms[0] != evidence.Kind)
            {
                Add(findings, FindingSeverity.Warning, KeyPolicyFindingKind.PlatformMismatch,
                    $"{statement.Label} requires {AttestationDocumentKinds.NameOf(platforms[0])} keys, but this is a {AttestationDocumentKinds.NameOf(evidence.Kind)} document: "
                    + (evidence.Kind == AttestationDocumentKind.NitroTpm
                        ? "KMS puts only NitroTPMPCR<n> in the context for it, so this statement cannot admit it."
                        : "KMS puts only ImageSha384 and PCR<n> in the context for it, so this statement cannot admit it."),
                    statement);
            }

            if (statement.Effect == PolicyEffect.Deny && check.AppliesWithDocument && check.Operations.Any(o => o.UsesKey()))
            {
                var held = check.Conditions.Where(c => c.Condition.Classification.Class != ConditionKeyClass.Other && c.WithDocument == ConditionOutcome.Holds).ToList();
                var why = held.Count > 0 ? string.Join("; ", held.Select(c => c.Explanation)) : "it has no attestation condition";
                Add(findings, FindingSeverity.Warning, KeyPolicyFindingKind.DenyApplies,
                    $"{statement.Label} denies {Names(check.Operations)} for this document ({why}).",
                    statement);
            }
        }

        if (evidence.Document is { } document && !HasRsaPublicKey(document.PublicKey))
        {
            Add(findings, FindingSeverity.Warning, KeyPolicyFindingKind.NoRecipientKey,
                $"The document's public_key is {document.PublicKey}{(document.PublicKey.HasBytes ? " but not an RSA SubjectPublicKeyInfo" : string.Empty)}: "
                + "KMS encrypts its Recipient response with RSAES_OAEP_SHA_256 to that key, so a request carrying this document is expected to fail. "
                + "Request the document with an RSA public key (DER SubjectPublicKeyInfo).",
                null, "document.public_key");
        }
    }

    private static bool HasRsaPublicKey(Attestation.OptionalBytes publicKey)
    {
        if (!publicKey.TryGetBytes(out var bytes) || bytes.IsEmpty)
        {
            return false;
        }

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(bytes.Span, out var read);
            return read == bytes.Length;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // What the parser tolerated, the size limit, and GenerateRandom named in a key policy.
    private static void FindPolicyShapeNotes(KeyPolicy policy, List<StatementCheck> statements, List<KeyPolicyFinding> findings)
    {
        foreach (var note in policy.Notes)
        {
            findings.Add(new KeyPolicyFinding(FindingSeverity.Warning, KeyPolicyFindingKind.PolicyShape, note.Message, null, note.Path));
        }

        if (policy.Length > KeyPolicyMaxLength)
        {
            findings.Add(new KeyPolicyFinding(FindingSeverity.Warning, KeyPolicyFindingKind.PolicyShape,
                string.Create(CultureInfo.InvariantCulture, $"The policy is {policy.Length:N0} characters; KMS keeps key policies up to 32 KB and refuses longer ones."),
                null, "$"));
        }

        foreach (var check in statements.Where(s => s.Statement.Principal is not null && s.Operations.Contains(KmsOperation.GenerateRandom)))
        {
            if (check.Statement.Actions.Any(a => string.Equals(a, "kms:GenerateRandom", StringComparison.OrdinalIgnoreCase)) && !check.Statement.ActionIsNot)
            {
                Add(findings, FindingSeverity.Info, KeyPolicyFindingKind.GenerateRandomInKeyPolicy,
                    $"{check.Statement.Label} names kms:GenerateRandom: it uses no KMS key, so KMS authorizes it by IAM policies, not by this key policy. "
                    + "Put the attestation condition for it in the caller's IAM policy.",
                    check.Statement);
            }
        }
    }

    private static string Names(IEnumerable<KmsOperation> operations) => string.Join(", ", operations.Select(o => o.ActionName()));
}
