using System.Diagnostics.Metrics;
using NsmDashboard.Web.Features.Audit;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// The audit trail's health, on the meter <see cref="DashboardMetrics.MeterName"/>: how many records it has dropped
/// (<c>dashboard_audit_records_dropped_total</c>). The trail lives in memory with a fixed capacity; a record dropped
/// before anyone pulled it is evidence lost, which a fleet must hear about.
/// </summary>
public sealed class AuditMetrics
{
    /// <summary><c>dashboard_audit_records_dropped_total</c>: records dropped at capacity since the dashboard started.</summary>
    public const string RecordsDroppedInstrument = "audit_records_dropped_total";

    /// <summary>
    /// <c>dashboard_audit_checkpoint_timestamp_seconds</c>: when the latest attested checkpoint of the trail was taken
    /// (Unix time); absent until the first one.
    /// </summary>
    public const string CheckpointTimestampInstrument = "audit_checkpoint_timestamp_seconds";

    /// <summary><c>dashboard_audit_checkpoint_interval_seconds</c>: how often the dashboard takes a checkpoint itself.</summary>
    public const string CheckpointIntervalInstrument = "audit_checkpoint_interval_seconds";

    // A filter no entry passes: the query then returns only the store's counters, without copying entries.
    private static readonly AuditQuery NoEntries = new(From: DateTimeOffset.MaxValue);

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public AuditMetrics(IMeterFactory meterFactory, AuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(trail);
        var meter = meterFactory.Create(DashboardMetrics.MeterName);
        meter.CreateObservableCounter(RecordsDroppedInstrument, () => trail.Query(NoEntries).Dropped, "{record}",
            "Audit records dropped at capacity (oldest first) since the dashboard started.");
    }
}
