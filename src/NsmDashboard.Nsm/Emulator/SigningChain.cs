namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// What one attestation document needs from the CA: the leaf (DER, and its key to sign with) and the
/// <c>cabundle</c>, root first then regional, zonal, instance (docs/attestation-document.md#certificate-chain). Immutable.
/// </summary>
internal sealed class SigningChain
{
    private readonly IssuedCertificate _leaf;

    /// <summary>Creates a chain snapshot.</summary>
    public SigningChain(IssuedCertificate leaf, byte[][] caBundle)
    {
        _leaf = leaf;
        CaBundle = caBundle;
    }

    /// <summary>The leaf certificate, DER: the document's <c>certificate</c>.</summary>
    public ReadOnlyMemory<byte> LeafCertificate => _leaf.Der;

    /// <summary>The DER certificates of <c>cabundle</c>, root first.</summary>
    public IReadOnlyList<byte[]> CaBundle { get; }

    /// <summary>The leaf's validity end, UTC.</summary>
    public DateTimeOffset LeafNotAfter => _leaf.NotAfter;

    /// <summary>Signs with the leaf key: ES384, raw r‖s.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _leaf.SignData(data);
}
