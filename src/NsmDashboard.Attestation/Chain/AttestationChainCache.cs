using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NsmDashboard.Attestation;

/// <summary>
/// Remembers validated CA chains and verified leaves so that verifying many documents from the same enclave does not
/// redo the same certificate work. A chain hit leaves the leaf's own signature, validity and constraints and the COSE
/// signature to check; a leaf hit (a document signed with a leaf seen before) leaves only the COSE signature.
/// </summary>
/// <remarks>
/// <para>Chains are keyed by the SHA-256 of the bundle's certificate bytes (each length-prefixed) and the pinned
/// root's SHA-256, so a different bundle, order or root never hits. Leaves are keyed by the SHA-256 of the leaf's
/// bytes and that chain key — the issuer's bytes, the rest of the bundle and the root — so the same leaf under
/// another bundle or root never hits either; the leaf's bytes are compared on every hit.</para>
/// <para>An entry is used only while the validation time lies inside every certificate's validity (the leaf's
/// included, for a leaf); it is added only after a verification in which every chain check passed: path, pinned
/// root, validity, constraints and signatures.</para>
/// <para>Bounded, least recently used entries go first; a leaf is only served together with the chain it was
/// verified under, so evicting a chain drops its leaves. Thread-safe: one cache may serve many verifiers.</para>
/// </remarks>
public sealed class AttestationChainCache
{
    /// <summary>The default number of chains kept.</summary>
    public const int DefaultCapacity = 64;

    /// <summary>The default number of verified leaves kept (an enclave changes its leaf every few hours).</summary>
    public const int DefaultLeafCapacity = 256;

    private readonly Lock _gate = new();
    private readonly BoundedLru<Key, CachedCaChain> _chains;
    private readonly BoundedLru<Key, VerifiedLeaf>? _leaves;
    private long _hits;
    private long _misses;
    private long _leafHits;
    private long _leafMisses;

    /// <summary>Creates a cache.</summary>
    /// <param name="capacity">How many chains to keep (at least 1).</param>
    /// <param name="leafCapacity">How many verified leaves to keep; 0 keeps none, so every document's leaf signature is checked.</param>
    public AttestationChainCache(int capacity = DefaultCapacity, int leafCapacity = DefaultLeafCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(leafCapacity);
        _chains = new BoundedLru<Key, CachedCaChain>(capacity);
        _leaves = leafCapacity > 0 ? new BoundedLru<Key, VerifiedLeaf>(leafCapacity) : null;
    }

    /// <summary>How many chains are kept at most.</summary>
    public int Capacity => _chains.Capacity;

    /// <summary>How many verified leaves are kept at most.</summary>
    public int LeafCapacity => _leaves?.Capacity ?? 0;

    /// <summary>How many chains are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _chains.Count;
            }
        }
    }

    /// <summary>How many verified leaves are kept now.</summary>
    public int LeafCount
    {
        get
        {
            lock (_gate)
            {
                return _leaves?.Count ?? 0;
            }
        }
    }

    /// <summary>Chain lookups that found a chain valid at the validation time (a leaf hit needs no chain lookup).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Chain lookups that did not.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Leaf lookups that found the leaf verified and valid, with its chain, at the validation time.</summary>
    public long LeafHits => Interlocked.Read(ref _leafHits);

    /// <summary>Leaf lookups that did not.</summary>
    public long LeafMisses => Interlocked.Read(ref _leafMisses);

    /// <summary>Forgets every chain and leaf.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _chains.Clear();
            _leaves?.Clear();
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
        return Finish(hash);
    }

    internal static Key ComputeLeafKey(Key chain, ReadOnlySpan<byte> leafDer)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> prefix = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, chain.A);
        BinaryPrimitives.WriteUInt64LittleEndian(prefix[8..], chain.B);
        BinaryPrimitives.WriteUInt64LittleEndian(prefix[16..], chain.C);
        BinaryPrimitives.WriteUInt64LittleEndian(prefix[24..], chain.D);
        hash.AppendData(prefix);
        hash.AppendData(leafDer);
        return Finish(hash);
    }

    internal bool TryGet(Key key, DateTimeOffset at, out CachedCaChain? chain)
    {
        lock (_gate)
        {
            chain = _chains.Find(key, c => c.IsValidAt(at));
            if (chain is null)
            {
                _misses++;
                return false;
            }

            _hits++;
            return true;
        }
    }

    internal void Add(Key key, CachedCaChain chain)
    {
        lock (_gate)
        {
            // A leaf is served only with its chain: when the chain goes, its leaves go too, so the chain bound holds.
            if (_chains.Set(key, chain) is { } displaced)
            {
                _leaves?.RemoveWhere(l => ReferenceEquals(l.Chain, displaced));
            }
        }
    }

    internal bool TryGetLeaf(Key key, Key chainKey, ReadOnlySpan<byte> leafDer, DateTimeOffset at, out VerifiedLeaf? leaf)
    {
        leaf = null;
        if (_leaves is null)
        {
            return false;
        }

        lock (_gate)
        {
            // The chain is looked up too: a hot leaf keeps its chain recently used, and a leaf whose chain was replaced
            // or is not valid at this time is not served.
            var chain = _chains.Find(chainKey, c => c.IsValidAt(at));
            var found = chain is null ? null : _leaves.Find(key, l => ReferenceEquals(l.Chain, chain) && l.IsValidAt(at));
            leaf = found is not null && found.IsFor(leafDer) ? found : null;
            if (leaf is null)
            {
                _leafMisses++;
                return false;
            }

            _leafHits++;
            return true;
        }
    }

    internal void AddLeaf(Key key, VerifiedLeaf leaf)
    {
        if (_leaves is null)
        {
            return;
        }

        lock (_gate)
        {
            _leaves.Set(key, leaf);
        }
    }

    private static Key Finish(IncrementalHash hash)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return new Key(
            BinaryPrimitives.ReadUInt64LittleEndian(digest),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]));
    }

    /// <summary>A SHA-256 as four words (cheap equality and hashing).</summary>
    internal readonly record struct Key(ulong A, ulong B, ulong C, ulong D);
}
