using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

/// <summary>
/// One certificate of the path with the facts the checks need, computed once. Immutable, so the CA part of a
/// validated path can be cached and reused by later verifications (<see cref="AttestationChainCache"/>).
/// </summary>
internal sealed class ChainCertificate
{
    private ChainCertificate(X509Certificate2 certificate, AttestationCertificateInfo info, List<string> problems, string summary)
    {
        Certificate = certificate;
        Info = info;
        ConstraintProblems = problems;
        ConstraintSummary = summary;
        SubjectName = certificate.SubjectName.RawData;
        IssuerName = certificate.IssuerName.RawData;
        foreach (var extension in certificate.Extensions)
        {
            switch (extension)
            {
                case X509SubjectKeyIdentifierExtension ski: SubjectKeyId = ski.SubjectKeyIdentifierBytes.ToArray(); break;
                case X509AuthorityKeyIdentifierExtension aki: AuthorityKeyId = aki.KeyIdentifier?.ToArray(); break;
            }
        }
    }

    public X509Certificate2 Certificate { get; }

    public AttestationCertificateInfo Info { get; }

    public IReadOnlyList<string> ConstraintProblems { get; }

    public string ConstraintSummary { get; }

    public byte[] SubjectName { get; }

    public byte[] IssuerName { get; }

    public byte[]? SubjectKeyId { get; }

    public byte[]? AuthorityKeyId { get; }

    /// <summary>Collects the facts of a parsed certificate at its place in the path.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="bundleIndex">Its index in <c>cabundle</c>, or <see langword="null"/> for the leaf.</param>
    /// <param name="bundleCount">The number of bundle entries.</param>
    public static ChainCertificate Create(X509Certificate2 certificate, int? bundleIndex, int bundleCount)
    {
        var role = bundleIndex switch
        {
            null => AttestationCertificateRole.Leaf,
            0 => AttestationCertificateRole.Root,
            _ => AttestationCertificateRole.Intermediate,
        };

        // A CA at cabundle[i] has the CAs cabundle[i+1..N-1] below it (the leaf is not a CA).
        var below = bundleIndex is { } index ? bundleCount - 1 - index : 0;
        var (problems, summary, isCa, pathLength, keyUsage) = CertificateConstraints.Evaluate(certificate, bundleIndex is null, below);
        var info = new AttestationCertificateInfo
        {
            Role = role,
            BundleIndex = bundleIndex,
            Subject = certificate.Subject,
            Issuer = certificate.Issuer,
            SerialNumber = certificate.SerialNumber,
            NotBefore = ToUtc(certificate.NotBefore),
            NotAfter = ToUtc(certificate.NotAfter),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span)),
            DerLength = certificate.RawDataMemory.Length,
            IsCertificateAuthority = isCa,
            PathLengthConstraint = pathLength,
            KeyUsage = keyUsage,
            PublicKey = DescribeKey(certificate.PublicKey),
            SignatureAlgorithm = DescribeSignature(certificate.SignatureAlgorithm.Value),
        };
        return new ChainCertificate(certificate, info, problems, summary);
    }

    /// <summary>Whether <paramref name="issuer"/> is named as this certificate's issuer (and, when both say, by key id).</summary>
    public bool IsIssuedBy(ChainCertificate issuer, out string problem)
    {
        // RFC 5280 §7.1 compares names after normalisation; the encodings AWS uses match byte for byte, and the
        // string form covers a re-encoded but equal name.
        if (!IssuerName.AsSpan().SequenceEqual(issuer.SubjectName)
            && !string.Equals(Info.Issuer, issuer.Info.Subject, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"{Info.Label} names issuer '{Info.Issuer}' but {issuer.Info.Label} is '{issuer.Info.Subject}'";
            return false;
        }

        if (AuthorityKeyId is { } aki && issuer.SubjectKeyId is { } ski && !aki.AsSpan().SequenceEqual(ski))
        {
            problem = $"{Info.Label}'s authority key id {Convert.ToHexStringLower(aki)} is not {issuer.Info.Label}'s subject key id {Convert.ToHexStringLower(ski)}";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private static DateTimeOffset ToUtc(DateTime local) => new(local.ToUniversalTime(), TimeSpan.Zero);

    private static string DescribeKey(PublicKey key)
    {
        switch (key.Oid.Value)
        {
            case "1.2.840.10045.2.1":
                var curve = key.EncodedParameters?.RawData is { } parameters ? TryReadCurve(parameters) : null;
                return curve switch
                {
                    "1.2.840.10045.3.1.7" => "EC P-256",
                    "1.3.132.0.34" => "EC P-384",
                    "1.3.132.0.35" => "EC P-521",
                    null => "EC",
                    _ => $"EC {curve}",
                };
            case "1.2.840.113549.1.1.1":
                return "RSA";
            default:
                return key.Oid.FriendlyName ?? key.Oid.Value ?? "unknown";
        }
    }

    private static string? TryReadCurve(byte[] parameters)
    {
        try
        {
            return new AsnReader(parameters, AsnEncodingRules.DER).ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    public static string DescribeSignature(string? oid) => oid switch
    {
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        null => "unknown",
        _ => oid,
    };
}
