namespace NsmDashboard.Web.Features.Audit;

/// <summary>The audit trail's settings (<c>Audit</c> section).</summary>
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

    /// <summary>How many summaries of denied attempts are kept; the oldest are dropped, and counted, beyond it.</summary>
    public int DenialCapacity { get; set; } = 1_000;

    /// <summary>
    /// Denied attempts with the same source address, user, operation and argument within this interval are one
    /// entry with a count (and one AUDIT log line when it opens, one when it closes with more than one).
    /// </summary>
    public TimeSpan DenialSummaryInterval { get; set; } = TimeSpan.FromMinutes(1);
}
