using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NsmDashboard.Web.Components.Controls;

namespace NsmDashboard.Web.Features.Lab.Diff;

/// <summary>
/// What a diff compares of one certificate: subject, serial, validity and SHA-256 fingerprint. A DER that does not
/// parse still has a fingerprint, so two sides can be compared, and <see cref="Error"/> says why it did not parse.
/// </summary>
/// <param name="Sha256">SHA-256 of the DER, lowercase hex.</param>
/// <param name="Subject">The subject name; <see langword="null"/> when the DER does not parse.</param>
/// <param name="SerialNumber">The serial number, lowercase hex.</param>
/// <param name="NotBefore">Start of validity (UTC).</param>
/// <param name="NotAfter">End of validity (UTC).</param>
/// <param name="Error">Why the DER did not parse, or <see langword="null"/>.</param>
public sealed record DiffCertificate(
    string Sha256,
    string? Subject,
    string? SerialNumber,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    string? Error)
{
    /// <summary>Reads a certificate's DER; never throws for bad bytes.</summary>
    public static DiffCertificate FromDer(ReadOnlyMemory<byte> der)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(der.Span));
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der.Span);
            return new DiffCertificate(
                sha256,
                certificate.Subject,
                certificate.SerialNumber.ToLowerInvariant(),
                new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                null);
        }
        catch (CryptographicException e)
        {
            return new DiffCertificate(sha256, null, null, null, null, $"not an X.509 certificate ({e.Message})");
        }
    }

    /// <summary>A one-line summary: the subject (or the parse error) and the fingerprint's head.</summary>
    public string Summary => $"{Subject ?? Error} · SHA-256 {HexText.Abbreviate(Sha256, 16, 0)}";
}
