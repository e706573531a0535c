using Microsoft.Extensions.Options;
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
/// Extend data is kept only when the operator asked for it; its SHA-384 and length always are.
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
    private long _sequence;
    private long _dropped;
    private long _deniedDropped;

    /// <summary>Creates the store with the configured capacities, on the system clock.</summary>
    public AuditTrail(IOptions<AuditOptions> options, ILogger<AuditTrail> logger)
        : this(options, logger, TimeProvider.System)
    {
    }

    /// <summary>Creates the store with the configured capacities.</summary>
    public AuditTrail(IOptions<AuditOptions> options, ILogger<AuditTrail> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Capacity = Math.Max(1, options.Value.Capacity);
        DenialCapacity = Math.Max(1, options.Value.DenialCapacity);
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
            entry = ToEntry(++_sequence, record);
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

    /// <summary>The entries matching <paramref name="query"/>, oldest first, with the stores' capacities and drop counts.</summary>
    public AuditSnapshot Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            var entries = _entries.Concat(_denials.Select(d => d.Current)).Where(query.Matches).OrderBy(e => e.Sequence).ToArray();
            return new AuditSnapshot(Capacity, _dropped, entries) { DenialCapacity = DenialCapacity, DenialsDropped = _deniedDropped };
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
                }

                opened = ToEntry(++_sequence, record);
                _openDenials[key] = _denials.AddLast(new DenialSummary(key, opened));
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
        List<AuditEntry>? toLog = null;
        lock (_lock)
        {
            foreach (var (key, node) in _openDenials.ToArray())
            {
                if (now - node.Value.First.Time >= DenialInterval)
                {
                    _openDenials.Remove(key);
                    if (node.Value.Count > 1)
                    {
                        (toLog ??= []).Add(node.Value.Current);
                    }
                }
            }
        }

        foreach (var entry in toLog ?? [])
        {
            LogSummary(entry);
        }
    }

    private void Log(AuditEntry entry) =>
        LogEntry(entry.Sequence, entry.Operation, entry.Argument, entry.Outcome, entry.User ?? "-", entry.Role ?? "-",
            entry.Channel, entry.Address ?? "-", entry.DataSha384 ?? "-", entry.DataLength, entry.ErrorCode ?? "-", entry.Reason ?? "-");

    private void LogSummary(AuditEntry entry) =>
        LogDenialSummary(entry.Sequence, entry.Operation, entry.Argument, entry.Count, entry.User ?? "-", entry.Channel,
            entry.Address ?? "-", entry.Time, entry.LastTime ?? entry.Time);

    private static AuditEntry ToEntry(long sequence, NsmOperationRecord record) =>
        new(
            sequence,
            record.Time,
            record.Caller.User,
            record.Caller.Role,
            record.Caller.Channel,
            record.Caller.Id,
            record.Caller.Address,
            record.Operation.ToString(),
            record.Argument,
            record.Outcome.ToString())
        {
            DataSha384 = record.DataSha384,
            DataLength = record.DataLength,
            Data = record.KeepData && record.Data is { } data ? Convert.ToHexStringLower(data.Span) : null,
            Before = record.Before.Select(PcrResponse.From).ToArray(),
            After = record.After.Select(PcrResponse.From).ToArray(),
            ErrorCode = record.ErrorCode?.ToString(),
            Reason = record.Reason,
            Details = record.Details,
        };

    [LoggerMessage(Level = LogLevel.Information, EventName = "Audit",
        Message = "AUDIT #{Sequence} {Operation} {Argument} {Outcome} user={User} role={Role} channel={Channel} address={Address} sha384={DataSha384} length={DataLength} error={ErrorCode} reason={Reason}")]
    private partial void LogEntry(long sequence, string operation, int? argument, string outcome, string user, string role,
        string channel, string address, string dataSha384, int? dataLength, string errorCode, string reason);

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
    private sealed class DenialSummary(DenialKey key, AuditEntry first)
    {
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
