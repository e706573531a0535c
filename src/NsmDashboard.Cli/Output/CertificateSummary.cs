using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>
/// What <c>nsm decode</c> shows of one certificate of a document: read through the attestation library
/// (<see cref="AttestationDocument.GetCertificate"/>, <see cref="AttestationDocument.GetCaBundleCertificate"/>),
/// or the reason it cannot be read (QEMU's documents carry 64 zero bytes instead of certificates).
/// </summary>
internal sealed record CertificateSummary(
    string Position,
    int DerLength,
    string Sha256,
    string? Error,
    string? Subject = null,
    string? Issuer = null,
    string? SerialNumber = null,
    DateTimeOffset? NotBefore = null,
    DateTimeOffset? NotAfter = null,
    bool? IsCertificateAuthority = null,
    int? PathLength = null,
    string? KeyUsage = null,
    string? PublicKey = null)
{
    /// <summary>The leaf, then <c>cabundle[0]</c> (the root) onwards, as the document orders them.</summary>
    public static List<CertificateSummary> All(AttestationDocument document)
    {
        var summaries = new List<CertificateSummary>();
        if (document.Certificate is { } leaf)
        {
            summaries.Add(Read("certificate", leaf, document.GetCertificate));
        }

        if (document.CaBundle is { } bundle)
        {
            for (var i = 0; i < bundle.Count; i++)
            {
                var index = i;
                summaries.Add(Read(string.Create(CultureInfo.InvariantCulture, $"cabundle[{i}]"), bundle[i], () => document.GetCaBundleCertificate(index)));
            }
        }

        return summaries;
    }

    private static CertificateSummary Read(string position, ReadOnlyMemory<byte> der, Func<X509Certificate2> load)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(der.Span));
        X509Certificate2 certificate;
        try
        {
            certificate = load();
        }
        catch (AttestationDecodeException e)
        {
            return new CertificateSummary(position, der.Length, sha256, e.Problem);
        }

        using (certificate)
        {
            try
            {
                return Describe(position, der.Length, sha256, certificate);
            }
            catch (CryptographicException e)
            {
                // The DER parsed, but an extension or the key inside it does not (a damaged document).
                return new CertificateSummary(position, der.Length, sha256, $"parsed as X.509 but its contents cannot be read: {e.Message}");
            }
        }
    }

    private static CertificateSummary Describe(string position, int length, string sha256, X509Certificate2 certificate)
    {
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        return new CertificateSummary(
            position,
            length,
            sha256,
            null,
            certificate.Subject,
            certificate.Issuer,
            certificate.SerialNumber.ToLowerInvariant(),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            constraints?.CertificateAuthority ?? false,
            constraints is { HasPathLengthConstraint: true } ? constraints.PathLengthConstraint : null,
            usage is null ? "none" : usage.KeyUsages.ToString(),
            DescribeKey(certificate));
    }

    private static string DescribeKey(X509Certificate2 certificate)
    {
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"EC P-{ec.KeySize}");
        }

        return certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value ?? "unknown";
    }
}
