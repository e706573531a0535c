using System.Text.Json.Serialization;

namespace NsmDashboard.Attestation;

/// <summary>Why a document was rejected: the reason of the first failed check.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttestationFailure>))]
public enum AttestationFailure
{
    /// <summary>No check failed: the document is valid.</summary>
    None,

    /// <summary>The bytes are not a well-formed COSE_Sign1 attestation document.</summary>
    Malformed,

    /// <summary>The protected header's algorithm is not ES384.</summary>
    UnsupportedAlgorithm,

    /// <summary>
    /// The payload does not say which kind of document it is: it has both <c>pcrs</c> and <c>nitrotpm_pcrs</c>, or
    /// neither, or its <c>module_id</c> claims the other kind.
    /// </summary>
    KindInvalid,

    /// <summary>A syntactic rule of the payload (AWS attestation_process.md §3.2.2) is broken: a missing or null field, a bad size or value.</summary>
    SyntaxInvalid,

    /// <summary>The leaf or a bundle entry is not a DER X.509 certificate.</summary>
    CertificateMalformed,

    /// <summary>The chain does not link up (names, order), or a certificate signature in it does not verify.</summary>
    ChainInvalid,

    /// <summary>The bundle's root is not the pinned root (e.g. an emulator document checked against AWS).</summary>
    UntrustedRoot,

    /// <summary>A certificate's validity ended before the validation time.</summary>
    CertificateExpired,

    /// <summary>A certificate's validity starts after the validation time.</summary>
    CertificateNotYetValid,

    /// <summary>Basic constraints, path length or key usage do not allow the chain.</summary>
    ConstraintsInvalid,

    /// <summary>The COSE signature does not verify with the leaf's key.</summary>
    SignatureInvalid,

    /// <summary>
    /// The document is not of the kind the policy expects: a NitroTPM document checked against an enclave policy
    /// (or its expected PCR sets), or the other way round.
    /// </summary>
    PolicyKindMismatch,

    /// <summary>The PCRs match none of the expected sets.</summary>
    PcrMismatch,

    /// <summary>The nonce is not the expected one.</summary>
    NonceMismatch,

    /// <summary>The document is older than the policy's maximum age.</summary>
    TooOld,

    /// <summary>The document's timestamp is later than the validation time (beyond the allowed clock skew).</summary>
    TimestampInFuture,

    /// <summary>The document comes from a debug-mode enclave and the policy does not allow one.</summary>
    DebugMode,
}
