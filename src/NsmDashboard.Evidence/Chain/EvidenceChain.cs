using System.Buffers;
using NsmDashboard.Evidence.Canonical;

namespace NsmDashboard.Evidence.Chain;

/// <summary>
/// The chain writer of one stream: appends records, each with its sequence number and <c>prev</c> = the hash of the
/// record before; keeps the newest <see cref="EvidenceChainOptions.Capacity"/> in memory; and accounts for what it
/// drops. Records dropped before any export served them form a <see cref="LostRun"/> that the next records name, so a
/// gap in an exported trail can be told apart from records removed from it afterwards. Thread-safe.
/// </summary>
/// <typeparam name="TPayload">What the stream records.</typeparam>
public sealed class EvidenceChain<TPayload>
    where TPayload : IEvidencePayload
{
    private readonly Lock _lock = new();
    private readonly ChainedRecord<TPayload>?[] _ring;
    private readonly long _maxDataBytes;
    private readonly Action<ChainedRecord<TPayload>>? _dropped;
    private int _first;
    private int _count;
    private long _headSequence;
    private EvidenceHash _headHash;
    private EvidenceHash _lastDroppedHash;
    private long _servedThrough;
    private LostRun? _lostRun;
    private long _lostCount;
    private long _dataBytes;
    private long _oldestWithData = 1;

    /// <summary>Starts a chain at its genesis.</summary>
    /// <param name="genesis">The chain's first record.</param>
    /// <param name="options">Capacity and data budget.</param>
    /// <param name="dropped">Told of each record as it leaves memory (under the chain's lock: keep it short, never call back).</param>
    public EvidenceChain(ChainGenesis genesis, EvidenceChainOptions? options = null, Action<ChainedRecord<TPayload>>? dropped = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        options ??= new EvidenceChainOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxDataBytes, nameof(options));
        Genesis = genesis;
        _ring = new ChainedRecord<TPayload>?[options.Capacity];
        _maxDataBytes = options.MaxDataBytes;
        _dropped = dropped;
        _headHash = genesis.Hash;
    }

    /// <summary>Raised after a record is appended, outside the chain's lock (on the appending thread; handlers must be quick).</summary>
    public event Action<ChainedRecord<TPayload>>? Appended;

    /// <summary>The chain's first record: its stream, module, process start; its hash is the chain's id.</summary>
    public ChainGenesis Genesis { get; }

    /// <summary>The stream.</summary>
    public EvidenceLog Stream => Genesis.Stream;

    /// <summary>How many records are kept in memory.</summary>
    public int Capacity => _ring.Length;

    /// <summary>The newest record: what a checkpoint attests.</summary>
    public ChainHead Head
    {
        get
        {
            lock (_lock)
            {
                return new ChainHead(Stream, _headSequence, _headHash, Genesis.Hash);
            }
        }
    }

    /// <summary>How many records are in memory now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>How many records were dropped from memory since the chain began.</summary>
    public long Dropped
    {
        get
        {
            lock (_lock)
            {
                return _headSequence - _count;
            }
        }
    }

    /// <summary>How many of the dropped records no export had served: they are lost, and the trail says so.</summary>
    public long Lost
    {
        get
        {
            lock (_lock)
            {
                return _lostCount;
            }
        }
    }

    /// <summary>Bytes of record data held now.</summary>
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

    /// <summary>
    /// Appends a record. When memory is full the oldest record is dropped first; if no export had served it, it joins
    /// the current lost run, which this record then names.
    /// </summary>
    /// <param name="payload">What to record.</param>
    /// <param name="data">
    /// Data to keep with the record (copied); the payload must carry its SHA-384 and length. An array, not a
    /// ReadOnlyMemory: a null array would silently become empty memory, i.e. "extended with nothing".
    /// </param>
    /// <exception cref="ArgumentException">The payload writes a member every record has, <c>hash</c> or <c>data</c>, or a value a trail cannot hold.</exception>
    public ChainedRecord<TPayload> Append(TPayload payload, byte[]? data = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        // The payload's members are built and checked before anything changes, so a bad payload leaves the chain as it was.
        var payloadMembers = RecordMembers.OfPayload(payload);
        var copy = (byte[]?)data?.Clone();
        var buffer = new ArrayBufferWriter<byte>(512);
        ChainedRecord<TPayload> appended;
        lock (_lock)
        {
            LostRun? lost = null;
            if (_count == _ring.Length)
            {
                lost = DropOldest();
            }

            var record = new ChainedRecord<TPayload>(_headSequence + 1, _headHash, payload, lost, copy);
            CanonicalJson.WriteWithout(buffer, RecordMembers.Compose(Stream, record.Sequence, record.Previous, payload.Time, lost, payloadMembers), TrailMembers.Unhashed);
            record.Hash = EvidenceHash.Compute(buffer.WrittenSpan);

            _ring[(_first + _count) % _ring.Length] = record;
            _count++;
            _headSequence = record.Sequence;
            _headHash = record.Hash;
            _dataBytes += copy?.Length ?? 0;
            DropDataOverBudget();
            appended = record;
        }

        Appended?.Invoke(appended);
        return appended;
    }

    /// <summary>The records in memory, oldest first.</summary>
    public IReadOnlyList<ChainedRecord<TPayload>> Snapshot()
    {
        lock (_lock)
        {
            var records = new ChainedRecord<TPayload>[_count];
            for (var i = 0; i < _count; i++)
            {
                records[i] = _ring[(_first + i) % _ring.Length]!;
            }

            return records;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="maxRecords"/> records after <paramref name="after"/> for an export, and counts them
    /// as served: once an export has them, dropping them later loses nothing.
    /// </summary>
    /// <param name="after">The last sequence number the reader has; -1 to start with the genesis.</param>
    /// <param name="maxRecords">The most records to return (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="after"/> is below -1, or <paramref name="maxRecords"/> below 1.</exception>
    public ChainExportBatch<TPayload> ReadAfter(long after, int maxRecords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(after, -1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        lock (_lock)
        {
            var head = new ChainHead(Stream, _headSequence, _headHash, Genesis.Hash);
            var genesis = after < 0 ? Genesis : null;
            var cursor = Math.Max(after, 0);
            if (cursor >= _headSequence)
            {
                return new ChainExportBatch<TPayload>(genesis, null, [], head, genesis is null ? after : 0);
            }

            var firstRetained = _headSequence - _count + 1;
            ChainGap? gap = null;
            if (cursor + 1 < firstRetained)
            {
                gap = new ChainGap(cursor + 1, firstRetained - 1, _lastDroppedHash);
                cursor = firstRetained - 1;
            }

            var take = (int)Math.Min(maxRecords, _headSequence - cursor);
            var records = new ChainedRecord<TPayload>[take];
            var offset = (int)(cursor + 1 - firstRetained);
            for (var i = 0; i < take; i++)
            {
                records[i] = _ring[(_first + offset + i) % _ring.Length]!;
            }

            if (take > 0)
            {
                cursor = records[^1].Sequence;
                _servedThrough = Math.Max(_servedThrough, cursor);
            }

            return new ChainExportBatch<TPayload>(genesis, gap, records, head, cursor);
        }
    }

    private LostRun? DropOldest()
    {
        var oldest = _ring[_first]!;
        _ring[_first] = null;
        _first = (_first + 1) % _ring.Length;
        _count--;
        _lastDroppedHash = oldest.Hash;
        _dataBytes -= oldest.DataLength;
        _dropped?.Invoke(oldest);
        if (oldest.Sequence <= _servedThrough)
        {
            _lostRun = null;
            return null;
        }

        _lostCount++;
        _lostRun = _lostRun is { } run && run.Through == oldest.Sequence - 1
            ? run with { Through = oldest.Sequence }
            : new LostRun(oldest.Sequence, oldest.Sequence);
        return _lostRun;
    }

    // Lets go of the oldest records' data until the rest fits the budget; their SHA-384 and length stay in the
    // hashed record, so nothing the chain proves changes.
    private void DropDataOverBudget()
    {
        var firstRetained = _headSequence - _count + 1;
        _oldestWithData = Math.Max(_oldestWithData, firstRetained);
        while (_dataBytes > _maxDataBytes && _oldestWithData <= _headSequence)
        {
            var record = _ring[(_first + (int)(_oldestWithData - firstRetained)) % _ring.Length]!;
            _dataBytes -= record.DataLength;
            record.DropData();
            _oldestWithData++;
        }
    }
}
