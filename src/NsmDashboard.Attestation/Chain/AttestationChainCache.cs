using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NsmDashboard.Attestation;

/// <summary>
/// Remembers validated CA chains so that verifying many documents from the same enclave does not redo the same
/// chain work: a hit leaves only the leaf's own signature, validity and constraints, and the COSE signature, to check.
/// </summary>
/// <remarks>
/// <para>Keyed by the SHA-256 of the bundle's certificate bytes (each length-prefixed) and the pinned root's
/// SHA-256, so a different bundle, order or root never hits. An entry is used only while the validation time lies
/// inside every cached certificate's validity; it is added only after a verification in which every chain check
/// passed.</para>
/// <para>Bounded, least recently used entries go first. Thread-safe: one cache may serve many verifiers.</para>
/// </remarks>
public sealed class AttestationChainCache
{
    /// <summary>The default number of chains kept.</summary>
    public const int DefaultCapacity = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<Key, LinkedListNode<(Key Key, CachedCaChain Chain)>> _entries = [];
    private readonly LinkedList<(Key Key, CachedCaChain Chain)> _recency = new();
    private long _hits;
    private long _misses;

    /// <summary>Creates a cache.</summary>
    /// <param name="capacity">How many chains to keep (at least 1).</param>
    public AttestationChainCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many chains are kept at most.</summary>
    public int Capacity { get; }

    /// <summary>How many chains are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Lookups that found a chain valid at the validation time.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that did not.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Forgets every chain.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _recency.Clear();
        }
    }

    internal static Key ComputeKey(IReadOnlyList<ReadOnlyMemory<byte>> bundle, AttestationTrustRoot root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var der in bundle)
        {
            // Length prefixes keep the split between certificates part of the key.
            BinaryPrimitives.WriteInt32BigEndian(length, der.Length);
            hash.AppendData(length);
            hash.AppendData(der.Span);
        }

        hash.AppendData(root.Sha256Bytes);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return new Key(
            BinaryPrimitives.ReadUInt64LittleEndian(digest),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]));
    }

    internal bool TryGet(Key key, DateTimeOffset at, out CachedCaChain? chain)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node) && node.Value.Chain.IsValidAt(at))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                chain = node.Value.Chain;
                _hits++;
                return true;
            }

            _misses++;
            chain = null;
            return false;
        }
    }

    internal void Add(Key key, CachedCaChain chain)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
            }
            else if (_entries.Count >= Capacity && _recency.Last is { } oldest)
            {
                // Evicted certificates are not disposed: another verification may still be using them.
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }

            _entries[key] = _recency.AddFirst((key, chain));
        }
    }

    /// <summary>A SHA-256 as four words (cheap equality and hashing).</summary>
    internal readonly record struct Key(ulong A, ulong B, ulong C, ulong D);
}
