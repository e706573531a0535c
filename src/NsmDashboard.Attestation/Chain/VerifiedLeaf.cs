using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

/// <summary>
/// A leaf certificate whose signature was verified with the instance CA of a validated chain, with the window in
/// which the leaf and every certificate of that chain are valid. The NSM signs documents with one leaf for up to its
/// ~3-hour life, so later documents of the enclave need only their COSE signature checked. Shared between threads.
/// </summary>
internal sealed class VerifiedLeaf
{
    // One parsed public key kept for the COSE check; a verification rents it and gives it back, so two threads never
    // use one key object at once (the platform does not promise that ECDsa instances are thread-safe).
    private ECDsa? _spareKey;

    public VerifiedLeaf(ChainCertificate leaf, CachedCaChain chain)
    {
        Leaf = leaf;
        Chain = chain;
        ValidFrom = leaf.Info.NotBefore > chain.ValidFrom ? leaf.Info.NotBefore : chain.ValidFrom;
        ValidUntil = leaf.Info.NotAfter < chain.ValidUntil ? leaf.Info.NotAfter : chain.ValidUntil;
    }

    /// <summary>The parsed leaf with its facts.</summary>
    public ChainCertificate Leaf { get; }

    /// <summary>The validated CA chain whose instance certificate signed the leaf.</summary>
    public CachedCaChain Chain { get; }

    /// <summary>The latest notBefore of the leaf and its chain.</summary>
    public DateTimeOffset ValidFrom { get; }

    /// <summary>The earliest notAfter of the leaf and its chain.</summary>
    public DateTimeOffset ValidUntil { get; }

    /// <summary>Whether the leaf and every authority are valid at <paramref name="at"/> (RFC 5280 §4.1.2.5: both ends inclusive).</summary>
    public bool IsValidAt(DateTimeOffset at) => at >= ValidFrom && at <= ValidUntil;

    /// <summary>Whether this entry is for exactly these leaf bytes (the key is a hash; the bytes settle it).</summary>
    public bool IsFor(ReadOnlySpan<byte> leafDer) => Leaf.Certificate.RawDataMemory.Span.SequenceEqual(leafDer);

    /// <summary>The leaf's public key for one use; give it back with <see cref="ReturnKey"/>.</summary>
    public ECDsa? RentKey() => Interlocked.Exchange(ref _spareKey, null) ?? Leaf.Certificate.GetECDsaPublicKey();

    /// <summary>Keeps <paramref name="key"/> for the next verification, or disposes it when one is kept already.</summary>
    public void ReturnKey(ECDsa key)
    {
        if (Interlocked.CompareExchange(ref _spareKey, key, null) is not null)
        {
            key.Dispose();
        }
    }
}
