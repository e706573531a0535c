using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Records;

/// <summary>
/// One audit record's payload: an operation the dashboard passed to the NSM or refused, who asked, and how it ended.
/// The data of an extend is hashed only through <see cref="DataSha384"/> and <see cref="DataLength"/>; when the
/// operator had it recorded (<see cref="DataKept"/>) the chain keeps it beside the record.
/// </summary>
/// <param name="Time">When the NSM answered or the dashboard refused.</param>
/// <param name="Operation"><c>ExtendPcr</c>, <c>LockPcr</c>, <c>LockPcrs</c> or <c>Attestation</c>.</param>
/// <param name="Outcome"><c>Succeeded</c>, <c>Refused</c>, <c>Denied</c> or <c>Failed</c>.</param>
/// <param name="Channel"><c>dashboard</c>, <c>api</c> or <c>server</c>.</param>
/// <param name="Session">The circuit, connection or purpose.</param>
public sealed record AuditEvidence(DateTimeOffset Time, string Operation, string Outcome, string Channel, string Session) : IEvidencePayload
{
    /// <summary>The signed-in user or token name.</summary>
    public string? User { get; init; }

    /// <summary>Their role.</summary>
    public string? Role { get; init; }

    /// <summary>The client's address.</summary>
    public string? Address { get; init; }

    /// <summary>The PCR index or the range.</summary>
    public int? Argument { get; init; }

    /// <summary>SHA-384 of the extend data, lowercase hex.</summary>
    public string? DataSha384 { get; init; }

    /// <summary>The extend data's length.</summary>
    public int? DataLength { get; init; }

    /// <summary>Whether the data itself is recorded beside the record.</summary>
    public bool DataKept { get; init; }

    /// <summary>The PCRs concerned before the operation.</summary>
    public IReadOnlyList<PcrValueEvidence> Before { get; init; } = [];

    /// <summary>The PCRs concerned after it.</summary>
    public IReadOnlyList<PcrValueEvidence> After { get; init; } = [];

    /// <summary>The NSM's error code when refused.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Why it was refused, denied or failed.</summary>
    public string? Reason { get; init; }

    /// <summary>Attestation: what the request carried, and the document's hash.</summary>
    public string? Details { get; init; }

    /// <inheritdoc/>
    public void WriteMembers(EvidenceObjectBuilder record)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.Add(AuditRecordMembers.Operation, Operation)
            .Add(AuditRecordMembers.Outcome, Outcome)
            .Add(AuditRecordMembers.Channel, Channel)
            .Add(AuditRecordMembers.Session, Session)
            .AddIfPresent(AuditRecordMembers.User, User)
            .AddIfPresent(AuditRecordMembers.Role, Role)
            .AddIfPresent(AuditRecordMembers.Address, Address)
            .AddIfPresent(AuditRecordMembers.Argument, Argument)
            .AddIfPresent(AuditRecordMembers.DataSha384, DataSha384)
            .AddIfPresent(AuditRecordMembers.DataLength, DataLength)
            .AddIfPresent(AuditRecordMembers.ErrorCode, ErrorCode)
            .AddIfPresent(AuditRecordMembers.Reason, Reason)
            .AddIfPresent(AuditRecordMembers.Details, Details);
        if (DataSha384 is not null)
        {
            record.Add(AuditRecordMembers.DataKept, DataKept);
        }

        if (Before.Count > 0)
        {
            record.Add(AuditRecordMembers.Before, EvidenceValue.Of(Before.Select(p => (EvidenceValue)p.ToObject())));
        }

        if (After.Count > 0)
        {
            record.Add(AuditRecordMembers.After, EvidenceValue.Of(After.Select(p => (EvidenceValue)p.ToObject())));
        }
    }
}
