namespace NsmDashboard.Web.Features.Audit;

/// <summary>The audit trail, filtered, as <c>GET /api/audit</c> returns (and exports) it.</summary>
/// <param name="Capacity">How many entries the store keeps.</param>
/// <param name="Dropped">How many of the oldest entries were dropped to stay within it since the dashboard started.</param>
/// <param name="Entries">The entries that match the filter, oldest first.</param>
public sealed record AuditSnapshot(int Capacity, long Dropped, IReadOnlyList<AuditEntry> Entries);
