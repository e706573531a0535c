using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Features.Evidence;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// The audit trail's health, on the meter <see cref="DashboardMetrics.MeterName"/>: how many records it has dropped
/// (<c>dashboard_audit_records_dropped_total</c>), and how its attested checkpoints keep up (docs/audit-trail.md,
/// "Checkpoints"). The trail lives in memory with a fixed capacity; a record dropped before anyone pulled it is
/// evidence lost, and a record no checkpoint covers is evidence a cut file could hide: a fleet must hear of both.
/// </summary>
public sealed class AuditMetrics
{
    /// <summary><c>dashboard_audit_records_dropped_total</c>: records dropped at capacity since the dashboard started.</summary>
    public const string RecordsDroppedInstrument = "audit_records_dropped_total";

    /// <summary>
    /// <c>dashboard_audit_checkpoint_timestamp_seconds</c>: when the latest attested checkpoint of the trail was taken
    /// (Unix time, the attestation document's own); absent until the first one.
    /// </summary>
    public const string CheckpointTimestampInstrument = "audit_checkpoint_timestamp_seconds";

    /// <summary>
    /// <c>dashboard_audit_checkpoint_age_seconds</c>: seconds since the latest attested checkpoint of the trail; since
    /// the dashboard started while there is none.
    /// </summary>
    public const string CheckpointAgeInstrument = "audit_checkpoint_age_seconds";

    /// <summary><c>dashboard_audit_checkpoint_interval_seconds</c>: how often the dashboard takes a checkpoint itself (0: never).</summary>
    public const string CheckpointIntervalInstrument = "audit_checkpoint_interval_seconds";

    /// <summary>
    /// <c>dashboard_audit_unproven_records</c>: records after the latest checkpoint that call for another one (all
    /// but the checkpoints' own attestations, which each checkpoint adds).
    /// </summary>
    public const string UnprovenRecordsInstrument = "audit_unproven_records";

    // A filter no entry passes: the query then returns only the store's counters, without copying entries.
    private static readonly AuditQuery NoEntries = new(From: DateTimeOffset.MaxValue);

    private readonly AuditTrail _trail;
    private readonly EvidenceCheckpoints _checkpoints;
    private readonly EvidenceGenesis _genesis;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public AuditMetrics(
        IMeterFactory meterFactory,
        AuditTrail trail,
        EvidenceCheckpoints checkpoints,
        EvidenceGenesis genesis,
        IOptions<AuditOptions> options,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _trail = trail;
        _checkpoints = checkpoints;
        _genesis = genesis;
        _timeProvider = timeProvider;
        var interval = Math.Max(0, options.Value.CheckpointInterval.TotalSeconds);
        var meter = meterFactory.Create(DashboardMetrics.MeterName);
        meter.CreateObservableCounter(RecordsDroppedInstrument, () => trail.Query(NoEntries).Dropped, "{record}",
            "Audit records dropped at capacity (oldest first) since the dashboard started.");
        meter.CreateObservableGauge(CheckpointTimestampInstrument, LatestTimestamp, "s",
            "Unix time of the latest attested checkpoint of the audit trail (the document's timestamp); absent until the first.");
        meter.CreateObservableGauge(CheckpointAgeInstrument, CheckpointAge, "s",
            "Seconds since the latest attested checkpoint of the audit trail; since the dashboard started while there is none.");
        meter.CreateObservableGauge(CheckpointIntervalInstrument, () => interval, "s",
            "How often the dashboard checkpoints its audit trail itself when it grew (Audit:CheckpointInterval); 0: only at shutdown and on request.");
        meter.CreateObservableGauge(UnprovenRecordsInstrument, UnprovenRecords, "{record}",
            "Audit records after the latest checkpoint other than the checkpoints' own attestations: what the next checkpoint must cover.");
    }

    private IEnumerable<Measurement<double>> LatestTimestamp() =>
        _checkpoints.LatestTime(EvidenceLog.Audit) is { } time ? [new Measurement<double>(time.ToUnixTimeMilliseconds() / 1000.0)] : [];

    private double CheckpointAge()
    {
        var since = _checkpoints.LatestTime(EvidenceLog.Audit) ?? _genesis.Started;
        return Math.Max(0, (_timeProvider.GetUtcNow() - since).TotalSeconds);
    }

    private long UnprovenRecords()
    {
        var after = _checkpoints.Latest(EvidenceLog.Audit) is { } latest && latest.Checkpoint.ChainId == _trail.Chain.Genesis.Hash
            ? latest.Checkpoint.Sequence
            : 0;
        var records = _trail.Chain.Snapshot();
        long count = 0;
        for (var i = records.Count - 1; i >= 0 && records[i].Sequence > after; i--)
        {
            var evidence = records[i].Payload;
            var ownAttestation = evidence.Operation == "Attestation" && evidence.Channel == CheckpointCallers.ServerChannel
                && (evidence.Session == CheckpointCallers.Purpose(EvidenceLog.Audit) || evidence.Session == CheckpointCallers.Purpose(EvidenceLog.EventLog));
            if (!ownAttestation)
            {
                count++;
            }
        }

        return count;
    }
}
