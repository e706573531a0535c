using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests;

/// <summary>The chain cache saves work without changing any verdict.</summary>
public sealed class ChainCacheTests(TestChainFixture chain) : IClassFixture<TestChainFixture>
{
    public static TheoryData<string> Cases => new(
        "valid", "leaf-expired", "leaf-not-yet-valid", "payload-byte", "signature-byte", "leaf-signature",
        "leaf-from-other-enclave", "nonce-policy", "indefinite-reencoded");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cached_path_gives_the_same_verdict_as_the_cold_path(string name)
    {
        var (document, at, policy) = Case(name);
        var cold = TestVerifiers.ColdAwsVerifier().Verify(document, at, policy);

        var cache = new AttestationChainCache();
        var warm = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });
        Verdicts.AssertValid(warm.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime));
        Assert.Equal(1, cache.Count);
        var cached = warm.Verify(document, at, policy);

        Assert.True(cached.ChainFromCache, Verdicts.Describe(cached));
        Assert.False(cold.ChainFromCache);
        Assert.Equal(Verdicts.Signature(cold), Verdicts.Signature(cached));
        Assert.Equal(cold.Failure, cached.Failure);
        Assert.Equal(cold.Certificates, cached.Certificates);
    }

    private static (byte[] Document, DateTimeOffset At, AttestationPolicy? Policy) Case(string name)
    {
        var nitrite = AwsVectors.Nitrite;
        switch (name)
        {
            case "valid": return (nitrite, AwsVectors.NitriteTime, null);
            case "leaf-expired": return (nitrite, AwsVectors.NitriteLeafNotAfter.AddSeconds(1), null);
            case "leaf-not-yet-valid": return (nitrite, AwsVectors.NitriteLeafNotBefore.AddSeconds(-1), null);
            case "payload-byte":
                var nonce = AttestationDocument.Decode(nitrite).Nonce.Value.ToArray();
                nitrite[nitrite.AsSpan().IndexOf(nonce)] ^= 1;
                return (nitrite, AwsVectors.NitriteTime, null);
            case "signature-byte":
                nitrite[^1] ^= 1;
                return (nitrite, AwsVectors.NitriteTime, null);
            case "leaf-signature":
                var leaf = AttestationDocument.Decode(nitrite).Certificate!.Value.ToArray();
                leaf[^5] ^= 1;
                return (new DocumentEditor(nitrite).SetBytes("certificate", leaf).Encode(), AwsVectors.NitriteTime, null);
            case "leaf-from-other-enclave":
                var other = AttestationDocument.Decode(AwsVectors.Evervault).Certificate!.Value.ToArray();
                return (new DocumentEditor(nitrite).SetBytes("certificate", other).Encode(), AwsVectors.NitriteTime, null);
            case "nonce-policy":
                return (nitrite, AwsVectors.NitriteTime, new AttestationPolicy { ExpectedNonce = new byte[] { 1 } });
            case "indefinite-reencoded":
                return (new DocumentEditor(nitrite) { IndefiniteMap = true }.Encode(), AwsVectors.NitriteTime, null);
            default: throw new ArgumentOutOfRangeException(nameof(name));
        }
    }

    [Fact]
    public void Second_document_of_an_enclave_hits_and_says_so()
    {
        var cache = new AttestationChainCache();
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });

        var first = verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime);
        var second = verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime.AddMinutes(30));

        Assert.False(first.ChainFromCache);
        Assert.True(second.ChainFromCache);
        Verdicts.AssertValid(second);
        Assert.Equal((0L, 1L), (cache.Hits, cache.Misses)); // the second found its verified leaf (LeafCacheTests)
        Assert.Equal(1L, cache.LeafHits);
        var evidence = second.GetCheck(AttestationCheckId.ChainSignatures);
        Assert.Contains("from the cache", evidence.Evidence, StringComparison.Ordinal);
        Assert.Contains(evidence.Details, d => d.Label == "leaf ← cabundle[3]" && d.Ok == true);
    }

    [Fact]
    public void Entry_is_not_used_outside_the_cached_certificates_validity()
    {
        var cache = new AttestationChainCache();
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });
        Verdicts.AssertValid(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime));

        // The instance certificate (cabundle[3]) expires 2021-10-29T05:15:16Z.
        var late = verifier.Verify(AwsVectors.Nitrite, new DateTimeOffset(2021, 10, 29, 5, 15, 17, TimeSpan.Zero));
        Assert.False(late.ChainFromCache);
        Verdicts.AssertFails(late, AttestationFailure.CertificateExpired, AttestationCheckId.Validity);
        Assert.Equal(2, cache.Misses);
    }

    [Fact]
    public void Chains_that_fail_are_never_cached()
    {
        var cache = new AttestationChainCache();
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });
        Verdicts.AssertFails(verifier.Verify(chain.Build(), chain.Ca.ValidAt), AttestationFailure.UntrustedRoot, AttestationCheckId.RootPinned);
        Verdicts.AssertFails(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteLeafNotAfter.AddSeconds(1)), AttestationFailure.CertificateExpired, AttestationCheckId.Validity);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Key_includes_the_pinned_root()
    {
        var cache = new AttestationChainCache();
        var custom = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = chain.Root, ChainCache = cache });
        var aws = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });
        var document = chain.Build();

        Verdicts.AssertValid(custom.Verify(document, chain.Ca.ValidAt));
        var result = aws.Verify(document, chain.Ca.ValidAt);
        Assert.False(result.ChainFromCache);
        Verdicts.AssertFails(result, AttestationFailure.UntrustedRoot, AttestationCheckId.RootPinned);
    }

    [Fact]
    public void Least_recently_used_chain_is_evicted()
    {
        var cache = new AttestationChainCache(capacity: 1);
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });
        verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime);
        verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime);
        Assert.Equal(1, cache.Count);

        Assert.False(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime).ChainFromCache);
        Assert.True(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime).ChainFromCache);
        cache.Clear();
        Assert.Equal(0, cache.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttestationChainCache(0));
    }

    [Fact]
    public void Concurrent_verifications_share_one_cache()
    {
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = chain.Root });
        var documents = Enumerable.Range(0, 4).Select(i => chain.Build(b => b.Nonce = [(byte)i])).ToArray();
        var results = new AttestationVerificationResult[48];
        Parallel.For(0, results.Length, i => results[i] = verifier.Verify(documents[i % documents.Length], chain.Ca.ValidAt));

        Assert.All(results, Verdicts.AssertValid);
        Assert.Equal(1, verifier.ChainCache!.Count);
        Assert.True(verifier.ChainCache.Hits + verifier.ChainCache.LeafHits > 0);
    }
}
