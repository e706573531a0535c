using System.Text.Json.Serialization;

namespace NsmDashboard.Attestation;

/// <summary>
/// The checks of <see cref="AttestationVerifier"/>, in the order they appear in every result (the names are
/// stable: JSON output and pages key on them). Each has a section in docs/attestation-verification.md, anchored by its name in kebab-case.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttestationCheckId>))]
public enum AttestationCheckId
{
    /// <summary>The bytes decode as a COSE_Sign1 attestation document (step 1).</summary>
    CoseStructure,

    /// <summary>The protected header's algorithm is ES384 (-35) (step 1).</summary>
    Algorithm,

    /// <summary>
    /// The payload says plainly what kind of document it is: exactly one of <c>pcrs</c> (Nitro Enclave) and
    /// <c>nitrotpm_pcrs</c> (NitroTPM instance), and a <c>module_id</c> that does not claim the other kind.
    /// </summary>
    DocumentKind,

    /// <summary>The six mandatory payload keys of the document's kind are present and not null (AWS attestation_process.md §3.2.2.1).</summary>
    MandatoryFields,

    /// <summary><c>module_id</c> is non-empty text.</summary>
    ModuleId,

    /// <summary><c>digest</c> is <c>SHA384</c>.</summary>
    Digest,

    /// <summary><c>timestamp</c> is greater than zero.</summary>
    Timestamp,

    /// <summary>
    /// The PCR map of the document's kind: <c>pcrs</c> holds 1–32 entries, indices 0–31, values of 32, 48 or 64
    /// bytes; <c>nitrotpm_pcrs</c> holds exactly the 24 PCRs 0–23 of a SHA-384 bank, 48 bytes each.
    /// </summary>
    Pcrs,

    /// <summary><c>certificate</c> and each <c>cabundle</c> entry are 1–1024 bytes; the bundle is not empty.</summary>
    CertificateFields,

    /// <summary><c>public_key</c>, <c>user_data</c> and <c>nonce</c> are within their sizes.</summary>
    OptionalFields,

    /// <summary>The leaf and every bundle entry are DER X.509 certificates.</summary>
    Certificates,

    /// <summary>The path leaf → cabundle[N-1] → … → cabundle[0] chains by name (step 3).</summary>
    ChainPath,

    /// <summary><c>cabundle[0]</c> is the pinned root, byte for byte (step 4).</summary>
    RootPinned,

    /// <summary>Every certificate, the root included, is valid at the validation time (step 5).</summary>
    Validity,

    /// <summary>Basic constraints, path lengths and key usage of every certificate (step 6).</summary>
    Constraints,

    /// <summary>Each certificate is signed by the next one's key, up to the pinned root (step 6).</summary>
    ChainSignatures,

    /// <summary>Revocation is not checked: AWS says not to (step 6). Always not applicable.</summary>
    Revocation,

    /// <summary>The COSE signature verifies over the Sig_structure with the leaf's key (step 7).</summary>
    CoseSignature,

    /// <summary>The document is of the kind the policy expects (policy).</summary>
    ExpectedKind,

    /// <summary>The enclave is not in debug mode, unless the policy allows debug-mode enclaves (policy).</summary>
    DebugMode,

    /// <summary>
    /// The PCRs match one of the expected sets of the document's kind (policy, step 8). A set of the other kind
    /// never matches.
    /// </summary>
    ExpectedPcrs,

    /// <summary>The nonce equals the expected one (policy, step 8).</summary>
    ExpectedNonce,

    /// <summary>The document is not older than the maximum age, nor from the future (policy).</summary>
    Freshness,
}
