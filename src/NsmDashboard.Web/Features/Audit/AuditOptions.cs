namespace NsmDashboard.Web.Features.Audit;

/// <summary>The audit trail's settings (<c>Audit</c> section), and the checkpoints of both chains (docs/audit-trail.md).</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Audit";

    /// <summary>
    /// How many operations (succeeded, refused by the NSM, failed; and trust-data changes) are kept in memory (an
    /// enclave has no disk); the oldest are dropped, and counted, beyond it. Denied attempts are kept apart
    /// (<see cref="DenialCapacity"/>), so no flood of them can push an operation out.
    /// </summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>
    /// How often the dashboard checkpoints its audit trail and event log on its own (when they grew), so that the tail
    /// of an exported trail is proven even when nobody asked; <c>00:00:00</c> turns it off (checkpoints are still
    /// taken at shutdown and on request).
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many of its own checkpoints the dashboard keeps per stream (the exports carry them).</summary>
    public int CheckpointsKept { get; set; } = 16;

    /// <summary>How many summaries of denied attempts are kept; the oldest are dropped, and counted, beyond it.</summary>
    public int DenialCapacity { get; set; } = 1_000;

    /// <summary>
    /// Denied attempts with the same source address, user, operation and argument within this interval are one
    /// entry with a count (and one AUDIT log line when it opens, one when it closes with more than one).
    /// </summary>
    public TimeSpan DenialSummaryInterval { get; set; } = TimeSpan.FromMinutes(1);
}
