using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Cli.Tls;

/// <summary>
/// The fingerprints of a served certificate: SHA-256 of its DER in the colon-separated upper-case form browsers show
/// in their certificate viewers (so an operator can compare it by eye), and the SHA-384 of the DER and of the
/// SubjectPublicKeyInfo that the dashboard's Overview page and attestation binding use.
/// </summary>
internal sealed record CertificateFingerprint(byte[] Sha256, string Sha384Hex, string SpkiSha384Hex)
{
    /// <summary>SHA-256 as browsers show it: <c>AB:CD:…</c> (32 pairs).</summary>
    public string Sha256Colon => string.Join(':', Sha256.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The fingerprints of a certificate.</summary>
    public static CertificateFingerprint Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var der = certificate.RawDataMemory.Span;
        return new CertificateFingerprint(
            SHA256.HashData(der),
            Convert.ToHexStringLower(SHA384.HashData(der)),
            Convert.ToHexStringLower(SHA384.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo())));
    }

    /// <summary>Whether this is the fingerprint of the same certificate (SHA-256 of the DER compared).</summary>
    public bool SameCertificateAs(CertificateFingerprint other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(Sha256, other.Sha256);
}
