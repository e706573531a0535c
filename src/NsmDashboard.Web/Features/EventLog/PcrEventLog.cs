using Microsoft.Extensions.Options;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Web.Features.Evidence;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// The PCR event log: every extend that succeeded through <see cref="NsmOperations"/> (UI and API), in the order the
/// NSM applied them, with the value before and after — as a hash chain (docs/audit-trail.md) that can be exported
/// and proven outside the enclave. An <see cref="INsmOperationSink"/>; bounded by <see cref="PcrEventLogOptions.Capacity"/>,
/// dropping the oldest records and remembering which PCRs lost history; over <see cref="PcrEventLogOptions.MaxDataBytes"/>
/// the oldest records let go of their data (their SHA-384 and length stay, hashed).
/// </summary>
public sealed class PcrEventLog : INsmOperationSink
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ushort, long> _gaps = [];

    /// <summary>Creates the log with the configured capacity, its chain beginning at this run's genesis.</summary>
    /// <param name="options">Capacity and data budget.</param>
    /// <param name="genesis">Where the chain begins; a detached one (no module) when null, for tests of the log alone.</param>
    public PcrEventLog(IOptions<PcrEventLogOptions> options, EvidenceGenesis? genesis = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = options.Value.Capacity;
        ArgumentOutOfRangeException.ThrowIfLessThan(Capacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Value.MaxDataBytes, nameof(options));
        Chain = new EvidenceChain<PcrExtendEvidence>(
            (genesis ?? EvidenceGenesis.Detached()).Create(EvidenceLog.EventLog),
            new EvidenceChainOptions { Capacity = Capacity, MaxDataBytes = options.Value.MaxDataBytes },
            // A PCR whose record leaves memory has lost part of its history: its replay is incomplete from then on.
            dropped => _gaps[(ushort)dropped.Payload.Index] = dropped.Sequence);
    }

    /// <summary>How many entries the log keeps at most.</summary>
    public int Capacity { get; }

    /// <summary>The chain: what the export route streams and a checkpoint attests.</summary>
    public EvidenceChain<PcrExtendEvidence> Chain { get; }

    /// <summary>How many entries the log holds now.</summary>
    public int Count => Chain.Count;

    /// <summary>Bytes of extend data the log holds now.</summary>
    public long DataBytes => Chain.DataBytes;

    /// <inheritdoc/>
    public void Record(NsmOperationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record is not { Operation: NsmOperationKind.ExtendPcr, Outcome: NsmOperationOutcome.Succeeded, Argument: { } index }
            || record.After.FirstOrDefault(p => p.Index == index) is not { } after)
        {
            return;
        }

        var before = record.Before.FirstOrDefault(p => p.Index == index);
        var evidence = new PcrExtendEvidence(
            record.Time,
            index,
            record.DataSha384 ?? string.Empty,
            record.DataLength ?? 0,
            Private: record.Data is null,
            before?.Value.ToArray(),
            after.Value.ToArray(),
            record.Caller.User ?? record.Caller.ToString());
        lock (_lock)
        {
            var chained = Chain.Append(evidence, record.Data?.ToArray());
            if (before is null)
            {
                // Without the value before, the fold cannot check this extend: the PCR's history has a hole here.
                _gaps[index] = chained.Sequence;
            }
        }
    }

    /// <summary>The log as it is now.</summary>
    public PcrEventLogSnapshot Snapshot()
    {
        lock (_lock)
        {
            var entries = Chain.Snapshot()
                .Where(r => r.Payload.Before is not null)
                .Select(PcrEventLogEntry.From)
                .ToArray();
            return new PcrEventLogSnapshot(entries, new Dictionary<ushort, long>(_gaps));
        }
    }
}
