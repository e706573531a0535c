namespace NsmDashboard.Web.Operations;

/// <summary>The operations that pass through <see cref="NsmOperations"/>.</summary>
public enum NsmOperationKind
{
    /// <summary>ExtendPCR: PCR ← SHA-384(PCR ‖ data).</summary>
    ExtendPcr,

    /// <summary>LockPCR: one PCR read-only for the life of the enclave.</summary>
    LockPcr,

    /// <summary>LockPCRs: PCRs [0, range) read-only for the life of the enclave.</summary>
    LockPcrs,

    /// <summary>Attestation: a signed document, a credential when it binds a public key.</summary>
    Attestation,
}
