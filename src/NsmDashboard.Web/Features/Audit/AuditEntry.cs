using System.Text.Json.Serialization;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Web.Features.Pcrs;

namespace NsmDashboard.Web.Features.Audit;

/// <summary>One operation in the audit trail, as <c>GET /api/audit</c> returns it.</summary>
/// <param name="Sequence">The record's sequence number in this run's chain (1, 2, …; docs/audit-trail.md).</param>
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

    /// <summary>SHA-384 of the previous record's canonical bytes (the chain's genesis for record 1), lowercase hex.</summary>
    [JsonPropertyName("prev")]
    public string Previous { get; init; } = string.Empty;

    /// <summary>SHA-384 of this record's canonical bytes, lowercase hex: what the next record's <see cref="Previous"/> names.</summary>
    public string Hash { get; init; } = string.Empty;

    /// <summary>The entry for a record of the audit chain.</summary>
    public static AuditEntry From(ChainedRecord<AuditEvidence> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var evidence = record.Payload;
        return new AuditEntry(
            record.Sequence, evidence.Time, evidence.User, evidence.Role, evidence.Channel, evidence.Session, evidence.Address,
            evidence.Operation, evidence.Argument, evidence.Outcome)
        {
            DataSha384 = evidence.DataSha384,
            DataLength = evidence.DataLength,
            Data = record.Data is { } data ? Convert.ToHexStringLower(data.Span) : null,
            Before = [.. evidence.Before.Select(p => new PcrResponse(p.Index, p.Locked, p.Value))],
            After = [.. evidence.After.Select(p => new PcrResponse(p.Index, p.Locked, p.Value))],
            ErrorCode = evidence.ErrorCode,
            Reason = evidence.Reason,
            Details = evidence.Details,
            Previous = record.Previous.ToString(),
            Hash = record.Hash.ToString(),
        };
    }
}
