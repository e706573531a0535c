using System.Globalization;
using Microsoft.Extensions.Options;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Web.Features.Evidence;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Audit;

/// <summary>
/// The audit trail: every operation <see cref="NsmOperations"/> and <see cref="TrustDataOperations"/> see, kept in
/// bounded in-memory stores — an enclave has no disk — and written as structured log lines. Two stores, so that
/// nobody who is refused can erase the record of what was done:
/// <list type="bullet">
/// <item>operations (succeeded, refused by the NSM, failed), up to <see cref="AuditOptions.Capacity"/>; beyond it
/// the oldest are dropped and counted;</item>
/// <item>denied attempts as counted summaries, one per source address, user, operation and argument per
/// <see cref="AuditOptions.DenialSummaryInterval"/>, up to <see cref="AuditOptions.DenialCapacity"/>; a flood of
/// refused requests becomes a few entries with large counts, and even a flood from invented addresses only ever
/// pushes out other summaries.</item>
/// </list>
/// Every record is also a link of a hash chain (docs/audit-trail.md), the evidence an export carries: each operation,
/// the first attempt of each summary of denials, and — when a summary closes having counted more — a record of its
/// count. The chain's window holds both capacities; records dropped from it before an export served them are named as
/// lost by the records after them. Extend data is kept only when the operator asked for it; its SHA-384 and length
/// always are.
/// </summary>
public sealed partial class AuditTrail : INsmOperationSink, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<AuditEntry> _entries = new();
    private readonly LinkedList<DenialSummary> _denials = new();
    private readonly Dictionary<DenialKey, LinkedListNode<DenialSummary>> _openDenials = [];
    private readonly ILogger<AuditTrail> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _closeTimer;
    private long _dropped;
    private long _deniedDropped;

    /// <summary>Creates the store with the configured capacities, on the system clock, its chain beginning at this run's genesis.</summary>
    public AuditTrail(IOptions<AuditOptions> options, EvidenceGenesis genesis, ILogger<AuditTrail> logger)
        : this(options, genesis, logger, TimeProvider.System)
    {
    }

    /// <summary>Creates the store with the configured capacities, its chain beginning at this run's genesis.</summary>
    public AuditTrail(IOptions<AuditOptions> options, EvidenceGenesis genesis, ILogger<AuditTrail> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Capacity = Math.Max(1, options.Value.Capacity);
        DenialCapacity = Math.Max(1, options.Value.DenialCapacity);
        Chain = new EvidenceChain<AuditEvidence>(genesis.Create(EvidenceLog.Audit), new EvidenceChainOptions { Capacity = Capacity + DenialCapacity });
        DenialInterval = options.Value.DenialSummaryInterval > TimeSpan.Zero ? options.Value.DenialSummaryInterval : TimeSpan.FromMinutes(1);
        _logger = logger;
        _timeProvider = timeProvider;
        _closeTimer = timeProvider.CreateTimer(static state => ((AuditTrail)state!).CloseDueSummaries(), this, DenialInterval, DenialInterval);
    }

    /// <summary>Raised after an entry is added (on the recording thread; handlers must be quick). Not raised when a denial only adds to an open summary's count.</summary>
    public event Action<AuditEntry>? Added;

    /// <summary>How many operations are kept.</summary>
    public int Capacity { get; }

    /// <summary>How many summaries of denied attempts are kept.</summary>
    public int DenialCapacity { get; }

    /// <summary>How long a summary of denied attempts stays open for more of the same.</summary>
    public TimeSpan DenialInterval { get; }

    /// <summary>The chain: what the export route streams and a checkpoint attests.</summary>
    public EvidenceChain<AuditEvidence> Chain { get; }

    /// <inheritdoc/>
    public void Record(NsmOperationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Outcome == NsmOperationOutcome.Denied)
        {
            RecordDenial(record);
            return;
        }

        AuditEntry entry;
        lock (_lock)
        {
            entry = Append(ToEvidence(record), record);
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity)
            {
                _entries.Dequeue();
                _dropped++;
            }
        }

        Log(entry);
        Added?.Invoke(entry);
    }

    /// <summary>The entries matching <paramref name="query"/>, oldest first, with the stores' capacities and drop counts and the chain's head.</summary>
    public AuditSnapshot Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            var entries = _entries.Concat(_denials.Select(d => d.Current)).Where(query.Matches).OrderBy(e => e.Sequence).ToArray();
            var head = Chain.Head;
            return new AuditSnapshot(Capacity, _dropped, entries)
            {
                DenialCapacity = DenialCapacity,
                DenialsDropped = _deniedDropped,
                Lost = Chain.Lost,
                ChainId = head.ChainId.ToString(),
                HeadSequence = head.Sequence,
            };
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _closeTimer.Dispose();

    private void RecordDenial(NsmOperationRecord record)
    {
        var key = DenialKey.Of(record);
        AuditEntry? opened = null;
        DenialSummary? closed = null;
        lock (_lock)
        {
            if (_openDenials.TryGetValue(key, out var node) && record.Time - node.Value.First.Time < DenialInterval)
            {
                node.Value.Add(record.Time);
            }
            else
            {
                if (node is not null)
                {
                    _openDenials.Remove(key);
                    closed = node.Value;
                    if (closed.Count > 1)
                    {
                        AppendClosing(closed);
                    }
                }

                var evidence = ToEvidence(record);
                opened = Append(evidence, record);
                _openDenials[key] = _denials.AddLast(new DenialSummary(key, opened, evidence));
                while (_denials.Count > DenialCapacity)
                {
                    var oldest = _denials.First!.Value;
                    _denials.RemoveFirst();
                    if (_openDenials.TryGetValue(oldest.Key, out var open) && ReferenceEquals(open.Value, oldest))
                    {
                        _openDenials.Remove(oldest.Key);
                    }

                    _deniedDropped++;
                }
            }
        }

        if (closed is { Count: > 1 })
        {
            LogSummary(closed.Current);
        }

        if (opened is not null)
        {
            Log(opened);
            Added?.Invoke(opened);
        }
    }

    // Closes the summaries whose interval has passed, logging those that counted more than their first attempt.
    private void CloseDueSummaries()
    {
        var now = _timeProvider.GetUtcNow();
        List<DenialSummary>? toLog = null;
        lock (_lock)
        {
            foreach (var (key, node) in _openDenials.ToArray())
            {
                if (now - node.Value.First.Time >= DenialInterval)
                {
                    _openDenials.Remove(key);
                    if (node.Value.Count > 1)
                    {
                        AppendClosing(node.Value);
                        (toLog ??= []).Add(node.Value);
                    }
                }
            }
        }

        foreach (var summary in toLog ?? [])
        {
            LogSummary(summary.Current);
        }
    }

    // Appends a record to the chain and gives its entry; the caller holds the lock, so the chain's order is the stores'.
    private AuditEntry Append(AuditEvidence evidence, NsmOperationRecord record)
    {
        var kept = record.KeepData && record.Data is { } data ? data.ToArray() : null;
        return AuditEntry.From(Chain.Append(evidence with { DataKept = kept is not null }, kept));
    }

    // A summary that counted more than its first attempt closes with a record of its count, so the chain carries it
    // too, before whatever opens after it. The caller holds the lock.
    private void AppendClosing(DenialSummary summary)
    {
        var current = summary.Current;
        var details = string.Create(CultureInfo.InvariantCulture,
            $"{current.Count} denied attempts from {current.Time:O} to {current.LastTime ?? current.Time:O}, summarised from record {current.Sequence}");
        Chain.Append(summary.Evidence with { Time = current.LastTime ?? current.Time, Details = details }, null);
    }

    private void Log(AuditEntry entry) =>
        LogEntry(entry.Sequence, entry.Operation, entry.Argument, entry.Outcome, entry.User ?? "-", entry.Role ?? "-",
            entry.Channel, entry.Address ?? "-", entry.DataSha384 ?? "-", entry.DataLength, entry.ErrorCode ?? "-", entry.Reason ?? "-", entry.Hash);

    private void LogSummary(AuditEntry entry) =>
        LogDenialSummary(entry.Sequence, entry.Operation, entry.Argument, entry.Count, entry.User ?? "-", entry.Channel,
            entry.Address ?? "-", entry.Time, entry.LastTime ?? entry.Time);

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

    [LoggerMessage(Level = LogLevel.Information, EventName = "AuditDenials",
        Message = "AUDIT #{Sequence} {Operation} {Argument} Denied x{Count} user={User} channel={Channel} address={Address} from {First:O} to {Last:O}")]
    private partial void LogDenialSummary(long sequence, string operation, int? argument, long count, string user, string channel,
        string address, DateTimeOffset first, DateTimeOffset last);

    /// <summary>What makes two denied attempts the same for the summary: source, user, operation, argument.</summary>
    private readonly record struct DenialKey(string Source, string? User, NsmOperationKind Operation, ushort? Argument)
    {
        // Requests without an address (a vsock connection without a PROXY header) are one source, as for the rate
        // limits, not one per connection; a dashboard tab without one is its circuit.
        public static DenialKey Of(NsmOperationRecord record) =>
            new(
                record.Caller.Address
                    ?? (record.Caller.Channel == NsmCaller.DashboardChannel ? $"{record.Caller.Channel}:{record.Caller.Id}" : Security.RateLimitPolicies.UnknownAddress),
                record.Caller.User,
                record.Operation,
                record.Argument);
    }

    /// <summary>One summary: its first attempt as recorded, and how many followed until when.</summary>
    private sealed class DenialSummary(DenialKey key, AuditEntry first, AuditEvidence evidence)
    {
        public AuditEvidence Evidence { get; } = evidence;

        private DateTimeOffset _last = first.Time;

        public DenialKey Key { get; } = key;

        public AuditEntry First { get; } = first;

        public long Count { get; private set; } = 1;

        public AuditEntry Current => Count == 1 ? First : First with { Count = Count, LastTime = _last };

        public void Add(DateTimeOffset time)
        {
            Count++;
            if (time > _last)
            {
                _last = time;
            }
        }
    }
}
