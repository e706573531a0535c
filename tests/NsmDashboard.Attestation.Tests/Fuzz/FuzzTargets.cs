using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests.Fuzz;

/// <summary>
/// What the attestation fuzzing mutates: every real document of TestData (Nitro Enclaves and NitroTPM, AWS root, each at
/// its own time) and built ones signed by a test CA (indefinite map with a high-S signature; tagged with nonce and
/// public key; a NitroTPM document). Verifiers share one cache per root, as the dashboard does — so mutations that
/// leave the certificates alone take the cached path, and those that touch them the cold one — and one real document is
/// verified by a verifier without a cache, so the cold path sees the unmutated chain too.
/// </summary>
internal static class FuzzTargets
{
    public static List<FuzzHarness.Target> Create(TestCertificateAuthority ca, AttestationTrustRoot testRoot)
    {
        var awsCached = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = new AttestationChainCache() });
        var awsCold = AwsVectors.ColdAwsVerifier();
        var testCached = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = testRoot, ChainCache = new AttestationChainCache() });

        var targets = new List<FuzzHarness.Target>();
        foreach (var (name, document, at) in AwsVectors.RealDocuments().Concat(AwsVectors.RealNitroTpmDocuments()))
        {
            targets.Add(new(name, document, awsCached, at));
        }

        targets.Add(new(AwsVectors.EvervaultFile + " (no cache)", AwsVectors.Evervault, awsCold, AwsVectors.EvervaultTime));

        using var key = ca.LeafKey;
        var indefinite = TestDocumentBuilder.For(ca);
        indefinite.IndefiniteMap = true;
        indefinite.Form = SignatureForm.HighS;
        indefinite.UserData = [];
        var tagged = TestDocumentBuilder.For(ca);
        tagged.Tagged = true;
        tagged.Nonce = [1, 2, 3, 4, 5, 6, 7, 8];
        tagged.PublicKey = new byte[97];
        var tpm = TestDocumentBuilder.For(ca).AsNitroTpm();
        targets.Add(new("built indefinite high-S", indefinite.Build(key), testCached, ca.ValidAt));
        targets.Add(new("built tagged", tagged.Build(key), testCached, ca.ValidAt));
        targets.Add(new("built NitroTPM", tpm.Build(key), testCached, ca.ValidAt));
        return targets;
    }
}
