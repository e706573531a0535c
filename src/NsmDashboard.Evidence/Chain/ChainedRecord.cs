using NsmDashboard.Evidence.Canonical;

namespace NsmDashboard.Evidence.Chain;

/// <summary>A record in a chain writer's memory: its place in the chain, its payload, and the data it may still hold.</summary>
/// <typeparam name="TPayload">What the stream records.</typeparam>
public sealed class ChainedRecord<TPayload>
    where TPayload : IEvidencePayload
{
    private byte[]? _data;

    internal ChainedRecord(long sequence, EvidenceHash previous, TPayload payload, LostRun? lost, byte[]? data)
    {
        Sequence = sequence;
        Previous = previous;
        Payload = payload;
        Lost = lost;
        _data = data;
        HadData = data is not null;
    }

    /// <summary>The record's sequence number, from 1.</summary>
    public long Sequence { get; }

    /// <summary>The hash of the record before it (the genesis for record 1).</summary>
    public EvidenceHash Previous { get; }

    /// <summary>This record's hash.</summary>
    public EvidenceHash Hash { get; internal set; }

    /// <summary>What it records.</summary>
    public TPayload Payload { get; }

    /// <summary>The lost run this record names, when its append dropped records nobody had exported.</summary>
    public LostRun? Lost { get; }

    /// <summary>The data the record was appended with, while the writer keeps it (its SHA-384 and length are in the payload).</summary>
    public ReadOnlyMemory<byte>? Data => Volatile.Read(ref _data) is { } data ? new ReadOnlyMemory<byte>(data) : (ReadOnlyMemory<byte>?)null;

    /// <summary>Whether the record was appended with data.</summary>
    public bool HadData { get; }

    /// <summary>Whether its data was let go to stay within the writer's data budget.</summary>
    public bool DataDropped => HadData && Volatile.Read(ref _data) is null;

    internal int DataLength => Volatile.Read(ref _data)?.Length ?? 0;

    internal void DropData() => Volatile.Write(ref _data, null);

    /// <summary>The record as hashed: common members, the lost run, the payload's members; no <c>hash</c>, no <c>data</c>.</summary>
    public EvidenceObject ToRecord(EvidenceLog stream) =>
        RecordMembers.Compose(stream, Sequence, Previous, Payload.Time, Lost, RecordMembers.OfPayload(Payload));
}
