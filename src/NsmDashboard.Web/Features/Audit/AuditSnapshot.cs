namespace NsmDashboard.Web.Features.Audit;

/// <summary>The audit trail, filtered, as <c>GET /api/audit</c> returns (and exports) it.</summary>
/// <param name="Capacity">How many operations the store keeps.</param>
/// <param name="Dropped">How many of the oldest operations were dropped to stay within it since the dashboard started.</param>
/// <param name="Entries">The entries that match the filter (operations and summaries of denied attempts), oldest first.</param>
public sealed record AuditSnapshot(int Capacity, long Dropped, IReadOnlyList<AuditEntry> Entries)
{
    /// <summary>How many summaries of denied attempts the store keeps, apart from the operations.</summary>
    public int DenialCapacity { get; init; }

    /// <summary>How many of the oldest summaries of denied attempts were dropped to stay within it.</summary>
    public long DenialsDropped { get; init; }
}
