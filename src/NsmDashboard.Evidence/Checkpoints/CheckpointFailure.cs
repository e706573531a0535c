namespace NsmDashboard.Evidence.Checkpoints;

/// <summary>Why an attestation document does not prove a checkpoint.</summary>
public enum CheckpointFailure
{
    /// <summary>It proves one.</summary>
    None,

    /// <summary>The document is not a valid attestation document under the pinned root (see the attestation result).</summary>
    AttestationInvalid,

    /// <summary>
    /// The document is valid under the pinned root, but not from the expected enclave: its PCRs match none of the
    /// expected sets, it comes from a debug-mode enclave, or it is not an enclave's document at all.
    /// </summary>
    NotExpectedEnclave,

    /// <summary>The document does not carry the nonce the caller sent: it could be a replay.</summary>
    NonceMismatch,

    /// <summary>The document is valid, but its user_data is not a checkpoint.</summary>
    NotACheckpoint,
}
