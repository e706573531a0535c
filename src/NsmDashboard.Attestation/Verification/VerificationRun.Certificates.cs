using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

/// <summary>The certificate path checks (docs/attestation-verification.md#chain-path to #constraints; AWS attestation_process.md §3.2.3).</summary>
internal sealed partial class VerificationRun
{
    private const string NeedsCertificates = "the certificates could not all be read";

    private ChainCertificate? _leaf;

    // leaf, cabundle[N-1], …, cabundle[0]: the path AWS prescribes (attestation_process.md §3.2.3).
    private List<ChainCertificate>? _path;

    // The validated CA part from the cache, when this run found one.
    private CachedCaChain? _cached;
    private AttestationChainCache.Key? _cacheKey;

    private void CheckCertificates(AttestationDocument document)
    {
        if (document.Certificate is not { } leafDer || document.CaBundle is not { Count: > 0 } bundle)
        {
            Skip(AttestationCheckId.Certificates, "certificate or cabundle is absent, null or empty");
            return;
        }

        if (_cache is not null)
        {
            _cacheKey = AttestationChainCache.ComputeKey(bundle, _root);
            _cache.TryGet(_cacheKey.Value, _at, out _cached);
        }

        var problems = new List<string>();
        var details = new List<AttestationCheckDetail>();
        if (_cached?.FindLeaf(leafDer.Span) is { } knownLeaf)
        {
            _leaf = knownLeaf;
            details.Add(new("leaf", knownLeaf.Info.Subject, true));
        }
        else
        {
            _leaf = Load(leafDer, null, bundle.Count, problems, details);
        }

        var path = new List<ChainCertificate>(bundle.Count + 1);
        if (_leaf is not null)
        {
            path.Add(_leaf);
        }

        if (_cached is not null)
        {
            path.AddRange(_cached.Authorities);
            details.AddRange(_cached.Authorities.Select(a => new AttestationCheckDetail(a.Info.Label, a.Info.Subject + " (validated chain from cache)", true)));
        }
        else
        {
            for (var i = bundle.Count - 1; i >= 0; i--)
            {
                if (Load(bundle[i], i, bundle.Count, problems, details) is { } authority)
                {
                    path.Add(authority);
                }
            }
        }

        if (problems.Count > 0)
        {
            Fail(AttestationCheckId.Certificates, AttestationFailure.CertificateMalformed, string.Join("; ", problems) + ".", details);
            return;
        }

        _path = path;
        Pass(
            AttestationCheckId.Certificates,
            $"The leaf and {Count(bundle.Count, "cabundle certificate")} are DER X.509{(_cached is not null ? " (the CA part is a chain validated earlier, from the cache)" : string.Empty)}.",
            details);
    }

    /// <summary>
    /// Parses one certificate, once: the same instance then serves the facts, the constraints, X509Chain and the
    /// leaf key. <c>cabundle[0]</c> equal to the pinned root reuses the root's instance and facts.
    /// </summary>
    private ChainCertificate? Load(ReadOnlyMemory<byte> der, int? bundleIndex, int bundleCount, List<string> problems, List<AttestationCheckDetail> details)
    {
        var label = bundleIndex is { } index ? $"cabundle[{index}]" : "leaf";
        var isRoot = bundleIndex == 0 && _root.Matches(der.Span);
        X509Certificate2 certificate;
        if (isRoot)
        {
            certificate = _root.Certificate;
        }
        else
        {
            try
            {
                certificate = AttestationDocument.LoadCertificate(der, label);
            }
            catch (AttestationDecodeException e)
            {
                problems.Add($"{label} is {e.Problem}");
                details.Add(new(label, e.Problem, false));
                return null;
            }

            _owned.Add(certificate);
        }

        ChainCertificate chainCertificate;
        try
        {
            chainCertificate = isRoot ? _root.AsBundleRoot(bundleCount) : ChainCertificate.Create(certificate, bundleIndex, bundleCount);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            // The loader checks the outer structure only; extensions and keys are decoded on first use.
            problems.Add($"{label} has content that cannot be decoded ({e.Message})");
            details.Add(new(label, $"undecodable content: {e.Message}", false));
            return null;
        }

        details.Add(new(label, chainCertificate.Info.Subject, true));
        return chainCertificate;
    }

    private void CheckChainPath()
    {
        if (_path is not { } path)
        {
            Skip(AttestationCheckId.ChainPath, NeedsCertificates);
            return;
        }

        var problems = new List<string>();
        var details = new List<AttestationCheckDetail>();
        for (var i = 0; i < path.Count; i++)
        {
            var issuer = i + 1 < path.Count ? path[i + 1] : path[i];
            var ok = path[i].IsIssuedBy(issuer, out var problem);
            if (!ok)
            {
                problems.Add(i + 1 < path.Count ? problem : $"{path[i].Info.Label} is not self-issued: {problem}");
            }

            var link = i + 1 < path.Count ? $"{path[i].Info.Label} → {issuer.Info.Label}" : $"{path[i].Info.Label} (root)";
            details.Add(new(link, ok ? (i + 1 < path.Count ? $"issued by '{issuer.Info.Subject}'" : "self-issued") : problem, ok));
        }

        var order = string.Join(" → ", path.Select(c => c.Info.Label));
        if (problems.Count > 0)
        {
            Fail(AttestationCheckId.ChainPath, AttestationFailure.ChainInvalid, $"The path {order} does not chain: {string.Join("; ", problems)}.", details);
        }
        else
        {
            Pass(AttestationCheckId.ChainPath, $"{order}: each certificate names the next as its issuer, and the root is self-issued.", details);
        }
    }

    private void CheckRootPinned(AttestationDocument document)
    {
        if (document.CaBundle is not { Count: > 0 } bundle)
        {
            Skip(AttestationCheckId.RootPinned, "cabundle is absent, null or empty");
            return;
        }

        // Equal bytes have the pinned hash; only a foreign root needs hashing for the evidence.
        var pinned = _root.Matches(bundle[0].Span);
        var bundleRoot = pinned ? _root.Sha256 : Convert.ToHexStringLower(SHA256.HashData(bundle[0].Span));
        var details = new AttestationCheckDetail[]
        {
            new("pinned root", $"{_root.Name} ({_root.Kind}): {_root.Subject}, SHA-256 {_root.Sha256}"),
            new("cabundle[0]", $"{(_path is { } path ? path[^1].Info.Subject + ", " : string.Empty)}SHA-256 {bundleRoot}", pinned),
        };
        if (pinned)
        {
            Pass(AttestationCheckId.RootPinned, $"cabundle[0] is the pinned {_root.Kind} root byte for byte (SHA-256 {_root.Sha256}).", details);
            return;
        }

        var subject = _path is { } p ? $" ('{p[^1].Info.Subject}')" : string.Empty;
        Fail(
            AttestationCheckId.RootPinned,
            AttestationFailure.UntrustedRoot,
            $"cabundle[0]{subject} has SHA-256 {bundleRoot}, not the pinned {_root.Name} ({_root.Kind}) root {_root.Sha256}; a root is never trusted because the bundle carries it.",
            details);
    }

    private void CheckValidity()
    {
        if (_path is not { } path)
        {
            Skip(AttestationCheckId.Validity, NeedsCertificates);
            return;
        }

        AttestationFailure failure = AttestationFailure.None;
        string? firstProblem = null;
        var details = new List<AttestationCheckDetail>(path.Count);
        foreach (var certificate in path)
        {
            var info = certificate.Info;
            var state = _at < info.NotBefore ? AttestationFailure.CertificateNotYetValid
                : _at > info.NotAfter ? AttestationFailure.CertificateExpired
                : AttestationFailure.None;
            details.Add(new($"{info.Label} {info.Subject}", $"{Utc(info.NotBefore)} … {Utc(info.NotAfter)}", state == AttestationFailure.None));
            if (state != AttestationFailure.None && failure == AttestationFailure.None)
            {
                failure = state;
                firstProblem = state == AttestationFailure.CertificateExpired
                    ? $"{info.Label} '{info.Subject}' expired at {Utc(info.NotAfter)}"
                    : $"{info.Label} '{info.Subject}' is not valid before {Utc(info.NotBefore)}";
            }
        }

        if (failure != AttestationFailure.None)
        {
            var others = details.Count(d => d.Ok == false) - 1;
            Fail(
                AttestationCheckId.Validity,
                failure,
                $"At {Utc(_at)}, {firstProblem}{(others > 0 ? $" ({others} more certificate(s) out of their window)" : string.Empty)}.",
                details);
        }
        else
        {
            var leaf = path[0].Info;
            Pass(
                AttestationCheckId.Validity,
                $"At {Utc(_at)} all {path.Count} certificates are within their validity, the root included; the leaf is valid {Utc(leaf.NotBefore)} … {Utc(leaf.NotAfter)}.",
                details);
        }
    }

    private void CheckConstraints()
    {
        if (_path is not { } path)
        {
            Skip(AttestationCheckId.Constraints, NeedsCertificates);
            return;
        }

        var details = path
            .Select(c => new AttestationCheckDetail(c.Info.Label, c.ConstraintProblems.Count == 0 ? c.ConstraintSummary : $"{c.ConstraintSummary}: {string.Join("; ", c.ConstraintProblems)}", c.ConstraintProblems.Count == 0))
            .ToArray();
        var problems = path.SelectMany(c => c.ConstraintProblems.Select(p => $"{c.Info.Label} {p}")).ToArray();
        if (problems.Length > 0)
        {
            Fail(AttestationCheckId.Constraints, AttestationFailure.ConstraintsInvalid, string.Join("; ", problems) + ".", details);
        }
        else
        {
            Pass(
                AttestationCheckId.Constraints,
                "Every CA has critical basicConstraints CA=true, keyCertSign and a pathLen that allows the certificates below it; the leaf is not a CA and has digitalSignature; no unknown critical extension.",
                details);
        }
    }
}
