namespace NsmDashboard.Web.Operations;

/// <summary>
/// The operations that pass through <see cref="NsmOperations"/> (the NSM's), and those on the trust data that decides
/// what the dashboard calls a match, which pass through <see cref="TrustDataOperations"/>.
/// </summary>
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

    /// <summary>A new named set of expected measurements.</summary>
    AddMeasurements,

    /// <summary>A set of expected measurements replaced by another of the same name.</summary>
    ReplaceMeasurements,

    /// <summary>A set of expected measurements removed.</summary>
    DeleteMeasurements,

    /// <summary>An event log imported to check documents against (it replaces the one imported before).</summary>
    ImportEventLog,

    /// <summary>The imported event log forgotten (documents are then checked against the dashboard's own log).</summary>
    ClearEventLog,
}
