using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// One operation as <see cref="NsmOperations"/> saw it, handed to every <see cref="INsmOperationSink"/>.
/// </summary>
/// <param name="Time">When the NSM answered (or the dashboard refused).</param>
/// <param name="Caller">Who asked.</param>
/// <param name="Operation">What was asked.</param>
/// <param name="Argument">The PCR index (extend, lock) or the range (lock-range); null for attestation.</param>
/// <param name="Outcome">How it ended.</param>
public sealed record NsmOperationRecord(
    DateTimeOffset Time,
    NsmCaller Caller,
    NsmOperationKind Operation,
    ushort? Argument,
    NsmOperationOutcome Outcome)
{
    /// <summary>
    /// The extend data as the caller sent it. Sinks decide whether to keep it (an operator may mark it private);
    /// <see cref="DataSha384"/> and <see cref="DataLength"/> are always there for an extend.
    /// </summary>
    public ReadOnlyMemory<byte>? Data { get; init; }

    /// <summary>
    /// Whether the operator chose to have the extend data itself kept in the audit trail; otherwise only
    /// <see cref="DataSha384"/> and <see cref="DataLength"/> are.
    /// </summary>
    public bool KeepData { get; init; }

    /// <summary>SHA-384 of the extend data, lowercase hex; null for other operations.</summary>
    public string? DataSha384 { get; init; }

    /// <summary>Length of the extend data in bytes; null for other operations.</summary>
    public int? DataLength { get; init; }

    /// <summary>The PCRs concerned as read just before the operation (empty when not read, e.g. attestation).</summary>
    public IReadOnlyList<PcrState> Before { get; init; } = [];

    /// <summary>
    /// The PCRs concerned after the operation: as the NSM returned them when it succeeded, as read back when its outcome
    /// is <see cref="NsmOperationOutcome.Unknown"/>; empty otherwise.
    /// </summary>
    public IReadOnlyList<PcrState> After { get; init; } = [];

    /// <summary>
    /// The NSM's error code when <see cref="Outcome"/> is <see cref="NsmOperationOutcome.Refused"/>; the code the failure
    /// maps to (InternalError for a device errno, InvalidResponse for an undecodable answer) when it is
    /// <see cref="NsmOperationOutcome.Unknown"/> or a failure after sending.
    /// </summary>
    public NsmErrorCode? ErrorCode { get; init; }

    /// <summary>Why it was refused or failed, in words; null when it succeeded.</summary>
    public string? Reason { get; init; }

    /// <summary>For attestation: what the request carried (nonce, user_data, public_key lengths and key hash).</summary>
    public string? Details { get; init; }
}
