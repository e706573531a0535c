using Microsoft.Extensions.Options;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Web.Features.Evidence;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Audit;

/// <summary>
/// The audit trail: every operation <see cref="NsmOperations"/> sees (succeeded, refused, denied, failed), as a hash
/// chain (docs/audit-trail.md) kept in a bounded in-memory window — an enclave has no disk — and written as one
/// structured log line each. Beyond <see cref="AuditOptions.Capacity"/> the oldest records are dropped; those no export
/// had served are named as lost by the records after them. Extend data is kept only when the operator asked for it;
/// its SHA-384 and length always are.
/// </summary>
public sealed partial class AuditTrail : INsmOperationSink
{
    private readonly ILogger<AuditTrail> _logger;

    /// <summary>Creates the store with the configured capacity, its chain beginning at this run's genesis.</summary>
    public AuditTrail(IOptions<AuditOptions> options, EvidenceGenesis genesis, ILogger<AuditTrail> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(genesis);
        Capacity = Math.Max(1, options.Value.Capacity);
        Chain = new EvidenceChain<AuditEvidence>(genesis.Create(EvidenceLog.Audit), new EvidenceChainOptions { Capacity = Capacity });
        _logger = logger;
    }

    /// <summary>Raised after an entry is added (on the recording thread; handlers must be quick).</summary>
    public event Action<AuditEntry>? Added;

    /// <summary>How many entries are kept.</summary>
    public int Capacity { get; }

    /// <summary>The chain: what the export route streams and a checkpoint attests.</summary>
    public EvidenceChain<AuditEvidence> Chain { get; }

    /// <inheritdoc/>
    public void Record(NsmOperationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var kept = record.KeepData && record.Data is { } data ? data.ToArray() : null;
        var entry = AuditEntry.From(Chain.Append(ToEvidence(record) with { DataKept = kept is not null }, kept));
        LogEntry(entry.Sequence, entry.Operation, entry.Argument, entry.Outcome, entry.User ?? "-", entry.Role ?? "-",
            entry.Channel, entry.Address ?? "-", entry.DataSha384 ?? "-", entry.DataLength, entry.ErrorCode ?? "-", entry.Reason ?? "-", entry.Hash);
        Added?.Invoke(entry);
    }

    /// <summary>The entries matching <paramref name="query"/>, oldest first, with the store's capacity, drop count and chain head.</summary>
    public AuditSnapshot Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var records = Chain.Snapshot();
        var head = Chain.Head;
        return new AuditSnapshot(Capacity, Chain.Dropped, [.. records.Select(AuditEntry.From).Where(query.Matches)])
        {
            Lost = Chain.Lost,
            ChainId = head.ChainId.ToString(),
            HeadSequence = head.Sequence,
        };
    }

    private static AuditEvidence ToEvidence(NsmOperationRecord record) =>
        new(record.Time, record.Operation.ToString(), record.Outcome.ToString(), record.Caller.Channel, record.Caller.Id)
        {
            User = record.Caller.User,
            Role = record.Caller.Role,
            Address = record.Caller.Address,
            Argument = record.Argument,
            DataSha384 = record.DataSha384,
            DataLength = record.DataLength,
            Before = [.. record.Before.Select(p => new PcrValueEvidence(p.Index, p.Locked, p.Hex))],
            After = [.. record.After.Select(p => new PcrValueEvidence(p.Index, p.Locked, p.Hex))],
            ErrorCode = record.ErrorCode?.ToString(),
            Reason = record.Reason,
            Details = record.Details,
        };

    [LoggerMessage(Level = LogLevel.Information, EventName = "Audit",
        Message = "AUDIT #{Sequence} {Operation} {Argument} {Outcome} user={User} role={Role} channel={Channel} address={Address} sha384={DataSha384} length={DataLength} error={ErrorCode} reason={Reason} hash={Hash}")]
    private partial void LogEntry(long sequence, string operation, int? argument, string outcome, string user, string role,
        string channel, string address, string dataSha384, int? dataLength, string errorCode, string reason, string hash);
}
