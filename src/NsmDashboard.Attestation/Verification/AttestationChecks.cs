namespace NsmDashboard.Attestation;

/// <summary>
/// Titles and references of the checks. Every check is explained, with its public sources (AWS's attestation
/// process, the RFCs), in its own section of <see cref="VerificationDocument"/>, whose anchor is the check's name
/// in kebab-case; the reference users see (in the UI, the API's <c>reference</c> and <c>nsm verify --json</c>) is
/// that path and anchor.
/// </summary>
public static class AttestationChecks
{
    /// <summary>The repository file that explains every check, one section each.</summary>
    public const string VerificationDocument = "docs/attestation-verification.md";

    /// <summary>Every check, in result order.</summary>
    public static IReadOnlyList<AttestationCheckId> All { get; } = Enum.GetValues<AttestationCheckId>();

    // Computed once: ReferenceOf is read for every check of every result.
    private static readonly Dictionary<AttestationCheckId, string> s_references =
        All.ToDictionary(id => id, id => $"{VerificationDocument}#{AnchorOf(id)}");

    /// <summary>The human title of a check.</summary>
    public static string NameOf(AttestationCheckId id) => id switch
    {
        AttestationCheckId.CoseStructure => "COSE_Sign1 structure",
        AttestationCheckId.Algorithm => "Algorithm ES384",
        AttestationCheckId.DocumentKind => "Document kind",
        AttestationCheckId.MandatoryFields => "Mandatory fields present",
        AttestationCheckId.ModuleId => "module_id",
        AttestationCheckId.Digest => "digest",
        AttestationCheckId.Timestamp => "timestamp",
        AttestationCheckId.Pcrs => "PCR map (pcrs or nitrotpm_pcrs)",
        AttestationCheckId.CertificateFields => "certificate and cabundle sizes",
        AttestationCheckId.OptionalFields => "public_key, user_data and nonce sizes",
        AttestationCheckId.Certificates => "Certificates are DER X.509",
        AttestationCheckId.ChainPath => "Chain path leaf → cabundle (reversed) → root",
        AttestationCheckId.RootPinned => "Root pinned by bytes",
        AttestationCheckId.Validity => "Certificate validity at the validation time",
        AttestationCheckId.Constraints => "CA constraints and key usage",
        AttestationCheckId.ChainSignatures => "Certificate chain signatures",
        AttestationCheckId.Revocation => "Revocation",
        AttestationCheckId.CoseSignature => "COSE signature with the leaf key",
        AttestationCheckId.ExpectedKind => "Expected document kind",
        AttestationCheckId.DebugMode => "Not a debug-mode enclave",
        AttestationCheckId.ExpectedPcrs => "Expected PCR values",
        AttestationCheckId.ExpectedNonce => "Expected nonce",
        AttestationCheckId.Freshness => "Maximum age",
        _ => id.ToString(),
    };

    /// <summary>
    /// Where a check's rule is explained: <c>docs/attestation-verification.md#</c> and the check's anchor, e.g.
    /// <c>docs/attestation-verification.md#root-pinned</c>.
    /// </summary>
    public static string ReferenceOf(AttestationCheckId id) =>
        s_references.TryGetValue(id, out var reference) ? reference : string.Empty;

    /// <summary>
    /// The anchor of a check's section in <see cref="VerificationDocument"/>: its name in kebab-case
    /// (<see cref="AttestationCheckId.ChainSignatures"/> → <c>chain-signatures</c>).
    /// </summary>
    public static string AnchorOf(AttestationCheckId id)
    {
        var name = id.ToString();
        var anchor = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                anchor.Append('-');
            }

            anchor.Append(char.ToLowerInvariant(name[i]));
        }

        return anchor.ToString();
    }
}
