namespace NsmDashboard.Attestation;

/// <summary>Titles and spec references of the checks (nsm-protocol.md §4; AWS attestation_process.md §3).</summary>
public static class AttestationChecks
{
    /// <summary>Every check, in result order.</summary>
    public static IReadOnlyList<AttestationCheckId> All { get; } = Enum.GetValues<AttestationCheckId>();

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
        AttestationCheckId.ExpectedPcrs => "Expected PCR values",
        AttestationCheckId.ExpectedNonce => "Expected nonce",
        AttestationCheckId.Freshness => "Maximum age",
        _ => id.ToString(),
    };

    /// <summary>Where a check's rule comes from.</summary>
    public static string ReferenceOf(AttestationCheckId id) => id switch
    {
        AttestationCheckId.CoseStructure => "RFC 9052 §4.2; nsm-protocol.md §4.1, §4.4 step 1",
        AttestationCheckId.Algorithm => "RFC 9053 §2.1; nsm-protocol.md §4.4 step 1",
        AttestationCheckId.DocumentKind => "docs/attestation-verification.md#document-kind; AWS EC2 User Guide, NitroTPM Attestation Document contents",
        AttestationCheckId.MandatoryFields => "AWS attestation_process.md §3.2.2.1; docs/nitrotpm.md#payload",
        AttestationCheckId.ModuleId or AttestationCheckId.Digest or AttestationCheckId.Timestamp
            or AttestationCheckId.Pcrs or AttestationCheckId.CertificateFields or AttestationCheckId.OptionalFields
            => "AWS attestation_process.md §3.2.2.2; nsm-protocol.md §4.2",
        AttestationCheckId.Certificates => "RFC 5280 §4.1; AWS attestation_process.md §3.2.3",
        AttestationCheckId.ChainPath => "nsm-protocol.md §4.4 step 3; AWS attestation_process.md §3.2.3",
        AttestationCheckId.RootPinned => "nsm-protocol.md §4.4 step 4",
        AttestationCheckId.Validity => "nsm-protocol.md §4.4 step 5; AWS attestation_process.md §3.2.3.1",
        AttestationCheckId.Constraints => "nsm-protocol.md §4.4 step 6; AWS attestation_process.md §3.2.3.2–3",
        AttestationCheckId.ChainSignatures => "nsm-protocol.md §4.4 step 6; AWS attestation_process.md §3.2.4",
        AttestationCheckId.Revocation => "AWS attestation_process.md §3.2.4 (CRL disabled)",
        AttestationCheckId.CoseSignature => "RFC 9052 §4.4; nsm-protocol.md §4.4 step 7",
        AttestationCheckId.ExpectedKind => "docs/attestation-verification.md#expected-kind; AWS KMS Developer Guide, Condition keys for NitroTPM",
        AttestationCheckId.ExpectedPcrs or AttestationCheckId.ExpectedNonce => "nsm-protocol.md §4.4 step 8",
        AttestationCheckId.Freshness => "nsm-protocol.md §4.4 step 5 (offline verifiers enforce freshness)",
        _ => string.Empty,
    };
}
