using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

/// <summary>
/// Chain signatures (docs/attestation-verification.md#chain-signatures): cold, by <see cref="X509Chain"/> with the pinned root as the only
/// trust anchor; on a cache hit, only the leaf's signature against the cached instance certificate.
/// </summary>
internal sealed partial class VerificationRun
{
    // Validity is its own check (with better evidence); the chain engine's time flags would only repeat it.
    private const X509ChainStatusFlags TimeFlags = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;

    private void CheckChainSignatures()
    {
        if (_path is not { } path)
        {
            Skip(AttestationCheckId.ChainSignatures, NeedsCertificates);
        }
        else if (!Passed(AttestationCheckId.ChainPath))
        {
            Skip(AttestationCheckId.ChainSignatures, "the certificates do not form the prescribed path");
        }
        else if (!Passed(AttestationCheckId.RootPinned))
        {
            Skip(AttestationCheckId.ChainSignatures, "the bundle's root is not the pinned root, so there is nothing to anchor the chain to");
        }
        else if (_cached is { } cached)
        {
            CheckLeafAgainstCachedChain(path[0], cached);
        }
        else
        {
            CheckWithChainEngine(path);
        }
    }

    private void CheckLeafAgainstCachedChain(ChainCertificate leaf, CachedCaChain cached)
    {
        var issuer = cached.Issuer;
        var details = new AttestationCheckDetail[]
        {
            new("CA chain", cached.ChainEvidence + " (validated earlier; cached)", true),
            new("leaf ← " + issuer.Info.Label, "signature checked with the issuer's key", null),
        };
        if (CertificateSignature.Verify(leaf.Certificate, issuer.Certificate, out var problem))
        {
            details[1] = details[1] with { Value = "signature verifies with the issuer's key", Ok = true };
            Pass(
                AttestationCheckId.ChainSignatures,
                $"The leaf's signature verifies with {issuer.Info.Label} '{issuer.Info.Subject}'; the CA chain above it to the pinned root was validated earlier (from the cache).",
                details);
        }
        else
        {
            details[1] = details[1] with { Value = problem, Ok = false };
            Fail(AttestationCheckId.ChainSignatures, AttestationFailure.ChainInvalid, $"leaf: {problem} ({issuer.Info.Label} '{issuer.Info.Subject}').", details);
        }
    }

    private void CheckWithChainEngine(List<ChainCertificate> path)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(_root.Certificate);
        for (var i = 1; i < path.Count - 1; i++)
        {
            policy.ExtraStore.Add(path[i].Certificate);
        }

        // AWS: no CRL checks (attestation_process.md §3.2.4); nothing may be fetched; the time is the caller's.
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = _at.UtcDateTime;
        policy.VerificationTimeIgnored = false;

        try
        {
            chain.Build(path[0].Certificate);
            Evaluate(chain, path);
        }
        catch (CryptographicException e)
        {
            Fail(AttestationCheckId.ChainSignatures, AttestationFailure.ChainInvalid, $"The chain engine failed: {e.Message}.");
        }
        finally
        {
            // The engine hands out its own certificate objects; never dispose ours (or the shared root) by mistake.
            foreach (var element in chain.ChainElements)
            {
                if (!ReferenceEquals(element.Certificate, _root.Certificate) && !path.Exists(c => ReferenceEquals(c.Certificate, element.Certificate)))
                {
                    element.Certificate.Dispose();
                }
            }
        }
    }

    private void Evaluate(X509Chain chain, List<ChainCertificate> path)
    {
        var problems = new List<string>();
        var details = new List<AttestationCheckDetail>(path.Count);
        var elements = chain.ChainElements;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            var expected = i < path.Count && IsSameCertificate(element.Certificate, path[i].Certificate) ? path[i] : null;
            var label = expected?.Info.Label;

            // The names of the path are known already; only a foreign element needs its subject formatted.
            var subject = expected?.Info.Subject ?? element.Certificate.Subject;
            var flags = element.ChainElementStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (a, b) => a | b) & ~TimeFlags;
            if (label is null)
            {
                problems.Add($"the chain engine built a different path: element {i} is '{subject}'");
            }

            if (flags != X509ChainStatusFlags.NoError)
            {
                problems.Add($"{label ?? subject}: {flags}");
            }

            details.Add(new(label ?? $"element {i}", flags == X509ChainStatusFlags.NoError ? subject : $"{subject}: {flags}", label is not null && flags == X509ChainStatusFlags.NoError));
        }

        var chainFlags = chain.ChainStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (a, b) => a | b) & ~TimeFlags;
        if (elements.Count != path.Count)
        {
            problems.Add($"the chain engine reached {Count(elements.Count, "certificate")} of {path.Count}");
        }

        if (chainFlags != X509ChainStatusFlags.NoError && problems.Count == 0)
        {
            problems.Add(chainFlags.ToString());
        }

        if (problems.Count > 0)
        {
            Fail(AttestationCheckId.ChainSignatures, AttestationFailure.ChainInvalid, $"X509Chain rejects the path: {string.Join("; ", problems)}.", details);
            return;
        }

        Pass(
            AttestationCheckId.ChainSignatures,
            $"X509Chain (custom root trust: the pinned root only; revocation off; no downloads; time {Utc(_at)}) verified {Count(path.Count - 1, "signature")}: {string.Join(" ← ", path.Select(c => c.Info.Label))}.",
            details);
    }

    /// <summary>
    /// Whether the chain engine's element is our certificate. With OpenSSL the engine hands back the very certificate
    /// handles it was given, so comparing handles settles it without encoding either certificate again; other
    /// platforms copy, and then the DER decides.
    /// </summary>
    private static bool IsSameCertificate(X509Certificate2 element, X509Certificate2 ours) =>
        element.Handle == ours.Handle || element.RawDataMemory.Span.SequenceEqual(ours.RawDataMemory.Span);

    /// <summary>After a run in which every chain check passed, keeps the CA part for later documents of the same enclave.</summary>
    private void CacheValidatedChain()
    {
        if (_cache is null || _cacheKey is not { } key || _path is not { Count: >= 2 } path)
        {
            return;
        }

        ReadOnlySpan<AttestationCheckId> required =
        [
            AttestationCheckId.ChainPath, AttestationCheckId.RootPinned, AttestationCheckId.Validity,
            AttestationCheckId.Constraints, AttestationCheckId.ChainSignatures,
        ];
        foreach (var id in required)
        {
            if (!Passed(id))
            {
                return;
            }
        }

        // Everything handed to the cache outlives this run.
        _owned.Remove(path[0].Certificate);
        if (_cached is { } cached)
        {
            cached.RememberLeaf(path[0]);
            return;
        }

        var authorities = path.GetRange(1, path.Count - 1);
        foreach (var authority in authorities)
        {
            _owned.Remove(authority.Certificate);
        }

        var chain = new CachedCaChain(authorities, $"X509Chain verified {string.Join(" ← ", authorities.Select(a => a.Info.Label))} to the pinned root");
        chain.RememberLeaf(path[0]);
        _cache.Add(key, chain);
    }
}
