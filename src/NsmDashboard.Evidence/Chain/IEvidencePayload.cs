using NsmDashboard.Evidence.Canonical;

namespace NsmDashboard.Evidence.Chain;

/// <summary>
/// What a record says beyond the members every record has (<c>v</c>, <c>stream</c>, <c>type</c>, <c>seq</c>,
/// <c>prev</c>, <c>time</c>, <c>lost</c>): an audit entry, an extend. Implementations are immutable, so a record
/// written again for an export has the same bytes as when it was hashed.
/// </summary>
public interface IEvidencePayload
{
    /// <summary>When it happened; a trail keeps milliseconds.</summary>
    DateTimeOffset Time { get; }

    /// <summary>Adds the payload's members (never the common ones, <c>hash</c> or <c>data</c>).</summary>
    void WriteMembers(EvidenceObjectBuilder record);
}
