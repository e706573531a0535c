namespace NsmDashboard.Web.Features.Audit;

/// <summary>The audit trail, filtered, as <c>GET /api/audit</c> returns (and exports) it.</summary>
/// <param name="Capacity">How many entries the store keeps.</param>
/// <param name="Dropped">How many of the oldest entries were dropped to stay within it since the dashboard started.</param>
/// <param name="Entries">The entries that match the filter, oldest first.</param>
public sealed record AuditSnapshot(int Capacity, long Dropped, IReadOnlyList<AuditEntry> Entries)
{
    /// <summary>How many of the dropped entries no export had served: lost, and said so by the chain (docs/audit-trail.md, "Gaps").</summary>
    public long Lost { get; init; }

    /// <summary>The id of this run's chain (the hash of its genesis), lowercase hex.</summary>
    public string ChainId { get; init; } = string.Empty;

    /// <summary>The newest record's sequence number (0: none yet).</summary>
    public long HeadSequence { get; init; }
}
