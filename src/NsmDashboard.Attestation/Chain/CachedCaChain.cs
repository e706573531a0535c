namespace NsmDashboard.Attestation;

/// <summary>
/// The CA part of a fully validated path — instance certificate first, root last — with the window in which
/// every one of them is valid. Immutable; shared between threads.
/// </summary>
internal sealed class CachedCaChain
{
    // The last leaf verified under this chain, kept parsed: documents of one enclave share their leaf for hours,
    // and parsing a certificate costs a large part of a cached verification. Its signature, validity and
    // constraints are still checked for every document; only the parsing is saved.
    private ChainCertificate? _leaf;

    public CachedCaChain(IReadOnlyList<ChainCertificate> authorities, string chainEvidence)
    {
        Authorities = authorities;
        ChainEvidence = chainEvidence;
        ValidFrom = authorities.Max(a => a.Info.NotBefore);
        ValidUntil = authorities.Min(a => a.Info.NotAfter);
    }

    /// <summary>cabundle[N-1] (the instance CA that issues leaves) … cabundle[0] (the root).</summary>
    public IReadOnlyList<ChainCertificate> Authorities { get; }

    /// <summary>The certificate that issues the leaf.</summary>
    public ChainCertificate Issuer => Authorities[0];

    /// <summary>What the chain engine reported when this chain was validated.</summary>
    public string ChainEvidence { get; }

    /// <summary>The latest notBefore of the authorities.</summary>
    public DateTimeOffset ValidFrom { get; }

    /// <summary>The earliest notAfter of the authorities.</summary>
    public DateTimeOffset ValidUntil { get; }

    /// <summary>The remembered leaf, when it is exactly <paramref name="der"/>.</summary>
    public ChainCertificate? FindLeaf(ReadOnlySpan<byte> der) =>
        Volatile.Read(ref _leaf) is { } leaf && leaf.Certificate.RawDataMemory.Span.SequenceEqual(der) ? leaf : null;

    /// <summary>Remembers a leaf whose chain checks passed (replacing the previous one; that one is left to the GC, another thread may hold it).</summary>
    public void RememberLeaf(ChainCertificate leaf) => Volatile.Write(ref _leaf, leaf);

    /// <summary>Whether every authority is valid at <paramref name="at"/> (RFC 5280 §4.1.2.5: both ends inclusive).</summary>
    public bool IsValidAt(DateTimeOffset at) => at >= ValidFrom && at <= ValidUntil;
}
