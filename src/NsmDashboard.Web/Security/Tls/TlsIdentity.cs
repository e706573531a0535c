using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Web.Security.Tls;

/// <summary>
/// The certificate the dashboard serves HTTPS with, and what an attestation document binds to it: its DER, its
/// SubjectPublicKeyInfo (the document's <c>public_key</c>) and the SHA-384 of its DER (the document's
/// <c>user_data</c>). Generated at start (<see cref="Generate"/>) or loaded from PEM (<see cref="Load"/>).
/// </summary>
public sealed partial class TlsIdentity : IDisposable
{
    private TlsIdentity(X509Certificate2 certificate, string source, string? keyFile = null)
    {
        Certificate = certificate;
        Source = source;
        KeyFile = keyFile;
        Der = certificate.RawData;
        SubjectPublicKeyInfo = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        CertificateSha384 = SHA384.HashData(Der);
        SubjectPublicKeyInfoSha384 = SHA384.HashData(SubjectPublicKeyInfo);
        Names = SubjectAlternativeNames(certificate);
    }

    /// <summary>The certificate with its private key, as Kestrel serves it.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Where it came from: "generated at start" or "loaded from …".</summary>
    public string Source { get; }

    /// <summary>
    /// The file the private key was read from, when it was (<see cref="Load"/>); null for a key made at start, which
    /// never leaves the process.
    /// </summary>
    public string? KeyFile { get; }

    /// <summary>The certificate's DER.</summary>
    public byte[] Der { get; }

    /// <summary>The certificate's SubjectPublicKeyInfo DER: the attestation document's <c>public_key</c>.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>SHA-384 of <see cref="Der"/>: the attestation document's <c>user_data</c>, and the certificate's fingerprint.</summary>
    public byte[] CertificateSha384 { get; }

    /// <summary>SHA-384 of <see cref="SubjectPublicKeyInfo"/> (the key's fingerprint, stable across certificates for the same key).</summary>
    public byte[] SubjectPublicKeyInfoSha384 { get; }

    /// <summary><see cref="CertificateSha384"/> as lowercase hex.</summary>
    public string CertificateSha384Hex => Convert.ToHexStringLower(CertificateSha384);

    /// <summary><see cref="SubjectPublicKeyInfoSha384"/> as lowercase hex.</summary>
    public string SubjectPublicKeyInfoSha384Hex => Convert.ToHexStringLower(SubjectPublicKeyInfoSha384);

    /// <summary>The subject distinguished name.</summary>
    public string Subject => Certificate.Subject;

    /// <summary>Start of validity (UTC).</summary>
    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>End of validity (UTC).</summary>
    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>The subject alternative names (DNS names and IP addresses) as text.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <inheritdoc/>
    public void Dispose() => Certificate.Dispose();

    private static string[] SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
            }
        }

        return [.. names];
    }
}
