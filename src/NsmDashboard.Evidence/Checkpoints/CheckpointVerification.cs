using NsmDashboard.Attestation;

namespace NsmDashboard.Evidence.Checkpoints;

/// <summary>What an attestation document proves about a chain head. Never thrown: a bad document gives a failure.</summary>
public sealed class CheckpointVerification
{
    internal CheckpointVerification(AttestationVerificationResult attestation, Checkpoint? checkpoint, CheckpointFailure failure, string reason)
    {
        Attestation = attestation;
        Checkpoint = checkpoint;
        Failure = failure;
        Reason = reason;
    }

    /// <summary>Whether the document is valid and binds a checkpoint (and the expected nonce, when one was given).</summary>
    public bool IsValid => Failure == CheckpointFailure.None;

    /// <summary>Why not, when it is not.</summary>
    public CheckpointFailure Failure { get; }

    /// <summary>The verdict in words.</summary>
    public string Reason { get; }

    /// <summary>The checkpoint the user_data binds; null when it binds none.</summary>
    public Checkpoint? Checkpoint { get; }

    /// <summary>The document's verification, check by check.</summary>
    public AttestationVerificationResult Attestation { get; }

    /// <summary>The decoded document, when it decoded.</summary>
    public AttestationDocument? Document => Attestation.Document;

    /// <summary>The attested module id.</summary>
    public string? ModuleId => Document?.ModuleId;

    /// <summary>When the NSM signed it.</summary>
    public DateTimeOffset? Timestamp => Document?.Timestamp;

    /// <summary>Whether it chains to the AWS Nitro Enclaves root (real hardware), not to an emulator's or a custom root.</summary>
    public bool IsRootedInAws => IsValid && Attestation.IsRootedInAws;
}
