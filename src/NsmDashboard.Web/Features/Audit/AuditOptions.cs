namespace NsmDashboard.Web.Features.Audit;

/// <summary>The audit trail's settings (<c>Audit</c> section).</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Audit";

    /// <summary>How many entries are kept in memory (an enclave has no disk); the oldest are dropped, and counted, beyond it.</summary>
    public int Capacity { get; set; } = 10_000;
}
