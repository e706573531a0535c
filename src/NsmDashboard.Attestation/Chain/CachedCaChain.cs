namespace NsmDashboard.Attestation;

/// <summary>
/// The CA part of a fully validated path — instance certificate first, root last — with the window in which
/// every one of them is valid. Immutable; shared between threads.
/// </summary>
internal sealed class CachedCaChain
{
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

    /// <summary>Whether every authority is valid at <paramref name="at"/> (RFC 5280 §4.1.2.5: both ends inclusive).</summary>
    public bool IsValidAt(DateTimeOffset at) => at >= ValidFrom && at <= ValidUntil;
}
