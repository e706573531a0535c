using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

/// <summary>
/// The constraint rules of docs/attestation-verification.md#constraints (AWS attestation_process.md §3.2.3.2–3), per certificate:
/// CAs carry critical basicConstraints CA=true, a path length that allows the certificates below them, and
/// keyCertSign; the leaf is not a CA, has no path length, and carries digitalSignature. No certificate may carry
/// a critical extension that path validation does not understand (RFC 5280 §4.2).
/// </summary>
internal static class CertificateConstraints
{
    private const string BasicConstraintsOid = "2.5.29.19";
    private const string KeyUsageOid = "2.5.29.15";

    // The extensions RFC 5280 path validation (and OpenSSL) process; a critical one outside this list must be rejected.
    private static readonly HashSet<string> UnderstoodExtensions =
    [
        BasicConstraintsOid,
        KeyUsageOid,
        "2.5.29.14", // subjectKeyIdentifier
        "2.5.29.35", // authorityKeyIdentifier
        "2.5.29.17", // subjectAltName
        "2.5.29.37", // extKeyUsage
        "2.5.29.30", // nameConstraints
        "2.5.29.32", // certificatePolicies
        "2.5.29.36", // policyConstraints
        "2.5.29.54", // inhibitAnyPolicy
    ];

    /// <summary>Evaluates one certificate; returns the problems (empty when it is fine) and a one-line summary.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="isLeaf">Whether it is the document's signing certificate.</param>
    /// <param name="caCertificatesBelow">For a CA: how many CA certificates follow it towards the leaf.</param>
    public static (List<string> Problems, string Summary, bool IsCa, int? PathLength, string KeyUsage) Evaluate(
        X509Certificate2 certificate, bool isLeaf, int caCertificatesBelow)
    {
        var problems = new List<string>();
        X509BasicConstraintsExtension? basic = null;
        X509KeyUsageExtension? usage = null;
        foreach (var extension in certificate.Extensions)
        {
            switch (extension)
            {
                case X509BasicConstraintsExtension b: basic = b; break;
                case X509KeyUsageExtension k: usage = k; break;
            }

            if (extension.Critical && extension.Oid?.Value is { } oid && !UnderstoodExtensions.Contains(oid))
            {
                problems.Add($"unrecognised critical extension {oid}");
            }
        }

        var isCa = basic?.CertificateAuthority == true;
        int? pathLength = basic is { HasPathLengthConstraint: true } ? basic.PathLengthConstraint : null;
        var keyUsage = usage is null ? "none" : usage.KeyUsages.ToString();
        if (isLeaf)
        {
            EvaluateLeaf(basic, usage, problems);
        }
        else
        {
            EvaluateCa(basic, usage, caCertificatesBelow, problems);
        }

        var summary = (isCa ? "CA" : "end entity")
            + (pathLength is { } length ? $", pathLen {length}" : isCa ? ", no pathLen" : string.Empty)
            + (basic is null ? ", no basicConstraints" : basic.Critical ? string.Empty : ", basicConstraints not critical")
            + $", keyUsage {keyUsage}";
        return (problems, summary, isCa, pathLength, keyUsage);
    }

    private static void EvaluateCa(
        X509BasicConstraintsExtension? basic, X509KeyUsageExtension? usage, int caCertificatesBelow, List<string> problems)
    {
        if (basic is null || !basic.CertificateAuthority)
        {
            problems.Add("is in the CA bundle but basicConstraints does not say CA=true");
        }
        else
        {
            if (!basic.Critical)
            {
                problems.Add("basicConstraints of a CA must be critical");
            }

            if (basic.HasPathLengthConstraint && basic.PathLengthConstraint < caCertificatesBelow)
            {
                problems.Add($"pathLen {basic.PathLengthConstraint} but {caCertificatesBelow} CA certificate(s) follow it");
            }
        }

        if (usage is null || !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            problems.Add("keyUsage lacks keyCertSign");
        }
    }

    private static void EvaluateLeaf(X509BasicConstraintsExtension? basic, X509KeyUsageExtension? usage, List<string> problems)
    {
        if (basic is { CertificateAuthority: true })
        {
            problems.Add("the signing certificate must not be a CA");
        }

        if (basic is { HasPathLengthConstraint: true })
        {
            problems.Add("the signing certificate must not have a pathLen");
        }

        if (usage is null || !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            problems.Add("keyUsage lacks digitalSignature");
        }
    }
}
