using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// Issues the P-384 / ecdsa-with-SHA384 certificates of the emulator's chain (docs/emulator.md#certificate-authority),
/// with basicConstraints, keyUsage, subjectKeyIdentifier and authorityKeyIdentifier.
/// </summary>
internal static class CertificateIssuer
{
    /// <summary>How far notBefore is set back from the issuing time, for verifiers whose clock runs a little behind.</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromMinutes(1);

    /// <summary>Subject attributes shared by every emulator certificate: they say plainly that it is not AWS.</summary>
    public const string Organization = "NsmDashboard Emulator";

    /// <summary>The organizational unit of every emulator certificate.</summary>
    public const string OrganizationalUnit = "NOT AWS";

    /// <summary>Creates a self-signed root valid from <paramref name="now"/> (minus <see cref="Backdate"/>).</summary>
    public static IssuedCertificate IssueRoot(string commonName, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        try
        {
            var subject = Name(commonName);
            var request = NewRequest(subject, key, CertificateProfile.Root);
            var (notBefore, notAfter) = Validity(now, CertificateProfile.Root, issuerNotBefore: null, issuerNotAfter: null);
            var certificate = request.Create(subject, X509SignatureGenerator.CreateForECDsa(key), notBefore, notAfter, NewSerialNumber());
            return new IssuedCertificate(certificate, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Issues a certificate of <paramref name="profile"/> under <paramref name="issuer"/>, valid from now and never past the issuer.</summary>
    public static IssuedCertificate Issue(IssuedCertificate issuer, CertificateProfile profile, string commonName, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        try
        {
            var request = NewRequest(Name(commonName), key, profile);
            request.CertificateExtensions.Add(
                X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuer.SubjectKeyIdentifier));
            var (notBefore, notAfter) = Validity(now, profile, issuer.NotBefore, issuer.NotAfter);
            var certificate = request.Create(
                issuer.Certificate.SubjectName,
                X509SignatureGenerator.CreateForECDsa(issuer.Key),
                notBefore,
                notAfter,
                NewSerialNumber());
            return new IssuedCertificate(certificate, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>C=US, O=NsmDashboard Emulator, OU=NOT AWS, CN=… in that encoded order, as AWS's root subject.</summary>
    public static X500DistinguishedName Name(string commonName)
    {
        // The builder encodes the attributes in the reverse of the order they are added (the usual
        // most-specific-first reading order), so they are added CN first to come out C first.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationalUnitName(OrganizationalUnit);
        builder.AddOrganizationName(Organization);
        builder.AddCountryOrRegion("US");
        return builder.Build();
    }

    private static CertificateRequest NewRequest(X500DistinguishedName subject, ECDsa key, CertificateProfile profile)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            profile.IsCertificateAuthority,
            profile.PathLength.HasValue,
            profile.PathLength ?? 0,
            critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(profile.KeyUsage, profile.KeyUsageCritical));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request;
    }

    private static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Validity(
        DateTimeOffset now,
        CertificateProfile profile,
        DateTimeOffset? issuerNotBefore,
        DateTimeOffset? issuerNotAfter)
    {
        // X.509 times have whole seconds: truncate so the certificate never starts after "now".
        var seconds = now.ToUnixTimeSeconds();
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(seconds) - Backdate;
        if (issuerNotBefore is { } start && notBefore < start)
        {
            notBefore = start;
        }

        var notAfter = notBefore + profile.Lifetime;
        if (issuerNotAfter is { } end && notAfter > end)
        {
            notAfter = end;
        }

        return (notBefore, notAfter);
    }

    // 16 random bytes like AWS's serials; top bit clear so the DER INTEGER stays positive, first byte non-zero so it stays 16 bytes.
    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
