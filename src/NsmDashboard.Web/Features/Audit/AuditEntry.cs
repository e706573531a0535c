using NsmDashboard.Web.Features.Pcrs;

namespace NsmDashboard.Web.Features.Audit;

/// <summary>One operation in the audit trail, as <c>GET /api/audit</c> returns it.</summary>
/// <param name="Sequence">Position in the trail since the dashboard started (1, 2, …; gaps mean nothing, dropped entries are counted).</param>
/// <param name="Time">When it happened (UTC).</param>
/// <param name="User">Who: the signed-in user or token name; null when nobody was signed in.</param>
/// <param name="Role">Their role when they asked.</param>
/// <param name="Channel"><c>dashboard</c> or <c>api</c>.</param>
/// <param name="Session">The circuit (dashboard) or connection id (API).</param>
/// <param name="Address">The client's address, when known.</param>
/// <param name="Operation"><c>ExtendPcr</c>, <c>LockPcr</c>, <c>LockPcrs</c> or <c>Attestation</c>.</param>
/// <param name="Argument">The PCR index (extend, lock) or the range (lock-range).</param>
/// <param name="Outcome"><c>Succeeded</c>, <c>Refused</c> (by the NSM), <c>Denied</c> (by the dashboard; a counted summary, see <see cref="Count"/>), <c>Failed</c>, or <c>Unknown</c> (the NSM's answer was lost; <c>After</c> holds the PCRs read back).</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string? User,
    string? Role,
    string Channel,
    string Session,
    string? Address,
    string Operation,
    int? Argument,
    string Outcome)
{
    /// <summary>SHA-384 of the extend data, lowercase hex.</summary>
    public string? DataSha384 { get; init; }

    /// <summary>Length of the extend data in bytes.</summary>
    public int? DataLength { get; init; }

    /// <summary>The extend data in hex, only when the operator chose to record it.</summary>
    public string? Data { get; init; }

    /// <summary>The PCRs concerned before the operation.</summary>
    public IReadOnlyList<PcrResponse> Before { get; init; } = [];

    /// <summary>The PCRs concerned after it (when it succeeded).</summary>
    public IReadOnlyList<PcrResponse> After { get; init; } = [];

    /// <summary>The NSM's error code when refused.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Why it was refused, denied or failed.</summary>
    public string? Reason { get; init; }

    /// <summary>For attestation: what the request carried and the document's hash.</summary>
    public string? Details { get; init; }

    /// <summary>
    /// How many attempts this entry stands for: 1 for an operation; for a summary of denied attempts, how many were
    /// denied from <see cref="Time"/> to <see cref="LastTime"/> (same address, user, operation and argument).
    /// </summary>
    public long Count { get; init; } = 1;

    /// <summary>For a summary of denied attempts: the time of the last one; null for a single attempt.</summary>
    public DateTimeOffset? LastTime { get; init; }
}
