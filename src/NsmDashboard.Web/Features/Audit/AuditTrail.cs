using Microsoft.Extensions.Options;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Audit;

/// <summary>
/// The audit trail: every operation <see cref="NsmOperations"/> sees (succeeded, refused, denied, failed), kept in a
/// bounded in-memory store — an enclave has no disk — and written as one structured log line each. Beyond
/// <see cref="AuditOptions.Capacity"/> the oldest entries are dropped and counted. Extend data is kept only when the
/// operator asked for it; its SHA-384 and length always are.
/// </summary>
public sealed partial class AuditTrail : INsmOperationSink
{
    private readonly Lock _lock = new();
    private readonly Queue<AuditEntry> _entries = new();
    private readonly ILogger<AuditTrail> _logger;
    private long _sequence;
    private long _dropped;

    /// <summary>Creates the store with the configured capacity.</summary>
    public AuditTrail(IOptions<AuditOptions> options, ILogger<AuditTrail> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = Math.Max(1, options.Value.Capacity);
        _logger = logger;
    }

    /// <summary>Raised after an entry is added (on the recording thread; handlers must be quick).</summary>
    public event Action<AuditEntry>? Added;

    /// <summary>How many entries are kept.</summary>
    public int Capacity { get; }

    /// <inheritdoc/>
    public void Record(NsmOperationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
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

        LogEntry(entry.Sequence, entry.Operation, entry.Argument, entry.Outcome, entry.User ?? "-", entry.Role ?? "-",
            entry.Channel, entry.Address ?? "-", entry.DataSha384 ?? "-", entry.DataLength, entry.ErrorCode ?? "-", entry.Reason ?? "-");
        Added?.Invoke(entry);
    }

    /// <summary>The entries matching <paramref name="query"/>, oldest first, with the store's capacity and drop count.</summary>
    public AuditSnapshot Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            return new AuditSnapshot(Capacity, _dropped, _entries.Where(query.Matches).ToArray());
        }
    }

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
}
