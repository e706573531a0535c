using Microsoft.Extensions.Options;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// The PCR event log: every extend that succeeded through <see cref="NsmOperations"/> (UI and API), in the order the
/// NSM applied them, with the value before and after. An <see cref="INsmOperationSink"/>; bounded by
/// <see cref="PcrEventLogOptions.Capacity"/>, dropping the oldest entries and remembering which PCRs lost history.
/// </summary>
public sealed class PcrEventLog : INsmOperationSink
{
    private readonly Lock _lock = new();
    private readonly LinkedList<PcrEventLogEntry> _entries = new();
    private readonly Dictionary<ushort, long> _gaps = [];
    private readonly int _capacity;
    private readonly long _maxDataBytes;
    private long _nextSequence = 1;
    private long _dataBytes;

    // The oldest entry that may still hold data: data is let go oldest first, so everything before it has none.
    private LinkedListNode<PcrEventLogEntry>? _oldestWithData;

    /// <summary>Creates the log with the configured capacity.</summary>
    public PcrEventLog(IOptions<PcrEventLogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.Capacity;
        _maxDataBytes = options.Value.MaxDataBytes;
        ArgumentOutOfRangeException.ThrowIfLessThan(_capacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_maxDataBytes, nameof(options));
    }

    /// <summary>How many entries the log keeps at most.</summary>
    public int Capacity => _capacity;

    /// <summary>How many entries the log holds now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

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
        lock (_lock)
        {
            var sequence = _nextSequence++;
            if (before is null)
            {
                // Without the value before, the fold cannot check this extend: the PCR's history has a hole here.
                _gaps[index] = sequence;
                return;
            }

            var node = _entries.AddLast(new PcrEventLogEntry(
                sequence,
                index,
                record.DataSha384 ?? string.Empty,
                record.DataLength ?? 0,
                // Cast, not a bare null: a null byte[] would become an empty ReadOnlyMemory, i.e. "extended with nothing".
                record.Data is { } data ? data.ToArray() : (ReadOnlyMemory<byte>?)null,
                before.Value.ToArray(),
                after.Value.ToArray(),
                record.Caller.User ?? record.Caller.ToString(),
                record.Time));
            _dataBytes += node.Value.Data?.Length ?? 0;
            _oldestWithData ??= node;
            while (_entries.Count > _capacity)
            {
                var dropped = _entries.First!;
                if (dropped == _oldestWithData)
                {
                    _oldestWithData = dropped.Next;
                }

                _dataBytes -= dropped.Value.Data?.Length ?? 0;
                _gaps[dropped.Value.Index] = dropped.Value.Sequence;
                _entries.RemoveFirst();
            }

            DropDataOverBudget();
        }
    }

    /// <summary>Bytes of extend data the log holds now.</summary>
    public long DataBytes
    {
        get
        {
            lock (_lock)
            {
                return _dataBytes;
            }
        }
    }

    /// <summary>The log as it is now.</summary>
    public PcrEventLogSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new PcrEventLogSnapshot([.. _entries], new Dictionary<ushort, long>(_gaps));
        }
    }

    // Lets go of the oldest entries' data until the rest fits the budget; their hash, length, before and after stay,
    // so the fold uses the recorded "after" for them, as for a private extend.
    private void DropDataOverBudget()
    {
        while (_dataBytes > _maxDataBytes && _oldestWithData is { } node)
        {
            if (node.Value.Data is { } data)
            {
                _dataBytes -= data.Length;
                node.Value = node.Value with { Data = null, DataDropped = true };
            }

            _oldestWithData = node.Next;
        }
    }
}
