using NsmDashboard.Evidence.Canonical;

namespace NsmDashboard.Evidence.Records;

/// <summary>One PCR as an audit record shows it before or after an operation: <c>{"index", "locked", "value"}</c>.</summary>
/// <param name="Index">The PCR index.</param>
/// <param name="Locked">Whether it is locked.</param>
/// <param name="Value">Its value, lowercase hex.</param>
public sealed record PcrValueEvidence(int Index, bool Locked, string Value)
{
    internal EvidenceObject ToObject() => new EvidenceObjectBuilder(3)
        .Add(AuditRecordMembers.Index, Index)
        .Add(AuditRecordMembers.Locked, Locked)
        .Add(AuditRecordMembers.Value, Value)
        .Build();
}
