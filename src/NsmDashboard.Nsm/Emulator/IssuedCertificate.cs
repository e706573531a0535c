using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>A certificate of the emulator's chain with its P-384 private key.</summary>
internal sealed class IssuedCertificate : IDisposable
{
    private readonly Lock _signGate = new();

    /// <summary>Wraps a certificate (public part only) and the key that belongs to it.</summary>
    public IssuedCertificate(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        Key = key;
        Der = certificate.RawData;
        NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var ski = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()
            ?? new X509SubjectKeyIdentifierExtension(certificate.PublicKey, critical: false);
        SubjectKeyIdentifier = ski.SubjectKeyIdentifierBytes.ToArray();
    }

    /// <summary>The certificate, without its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The private key.</summary>
    public ECDsa Key { get; }

    /// <summary>The certificate's DER bytes (cached: <c>X509Certificate.RawData</c> copies on every call).</summary>
    public byte[] Der { get; }

    /// <summary>notBefore, UTC.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>notAfter, UTC.</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>The subjectKeyIdentifier, which children quote as authorityKeyIdentifier.</summary>
    public byte[] SubjectKeyIdentifier { get; }

    /// <summary>Whether the certificate is valid at <paramref name="now"/> with at least <paramref name="renewBefore"/> left.</summary>
    public bool IsFreshAt(DateTimeOffset now, TimeSpan renewBefore) => now >= NotBefore && now < NotAfter - renewBefore;

    /// <summary>ES384 over <paramref name="data"/>, raw r‖s (96 bytes) as COSE wants (RFC 9053 §2.1).</summary>
    public byte[] SignData(ReadOnlySpan<byte> data)
    {
        // ECDsa instances are not documented as thread-safe; signing is ~1 ms, so a lock costs little.
        lock (_signGate)
        {
            return Key.SignData(data, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }
}
