using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>One certificate of a document's path (no key material).</summary>
/// <param name="Position"><c>leaf</c> or <c>cabundle[i]</c>.</param>
/// <param name="Role"><c>Leaf</c>, <c>Intermediate</c> or <c>Root</c>.</param>
/// <param name="Subject">Subject distinguished name.</param>
/// <param name="Issuer">Issuer distinguished name.</param>
/// <param name="SerialNumber">Serial number, hex.</param>
/// <param name="NotBefore">Start of validity (UTC).</param>
/// <param name="NotAfter">End of validity (UTC).</param>
/// <param name="Sha256">SHA-256 of the DER, hex (the fingerprint).</param>
/// <param name="IsCertificateAuthority">Whether basic constraints say CA.</param>
/// <param name="KeyUsage">Key usage bits.</param>
/// <param name="PublicKey">The subject key, e.g. <c>EC P-384</c>.</param>
/// <param name="SignatureAlgorithm">The signature algorithm, e.g. <c>ecdsa-with-SHA384</c>.</param>
public sealed record CertificateResponse(
    string Position,
    string Role,
    string Subject,
    string Issuer,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Sha256,
    bool IsCertificateAuthority,
    string KeyUsage,
    string PublicKey,
    string SignatureAlgorithm)
{
    /// <summary>The response for a certificate of a verification.</summary>
    public static CertificateResponse From(AttestationCertificateInfo certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new CertificateResponse(
            certificate.Label,
            certificate.Role.ToString(),
            certificate.Subject,
            certificate.Issuer,
            certificate.SerialNumber.ToLowerInvariant(),
            certificate.NotBefore,
            certificate.NotAfter,
            certificate.Sha256,
            certificate.IsCertificateAuthority,
            certificate.KeyUsage,
            certificate.PublicKey,
            certificate.SignatureAlgorithm);
    }
}
