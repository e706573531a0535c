using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests;

/// <summary>
/// The verified-leaf cache: a document signed with a leaf seen before (same leaf bytes, same bundle, same root, inside
/// every certificate's window) has only its COSE signature checked — and gives the verdict the cold path gives.
/// </summary>
public sealed class LeafCacheTests(TestChainFixture chain) : IClassFixture<TestChainFixture>
{
    [Fact]
    public void Document_signed_by_a_leaf_seen_before_hits_and_says_so()
    {
        var cache = new AttestationChainCache();
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });

        var first = verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime);
        var second = verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime.AddMinutes(10));

        Verdicts.AssertValid(first);
        Verdicts.AssertValid(second);
        Assert.False(first.LeafFromCache);
        Assert.True(second.LeafFromCache);
        Assert.True(second.ChainFromCache);
        Assert.Equal((1L, 1L, 1), (cache.LeafHits, cache.LeafMisses, cache.LeafCount));
        Assert.Equal((0L, 1L), (cache.Hits, cache.Misses)); // a leaf hit needs no chain lookup
        var signatures = second.GetCheck(AttestationCheckId.ChainSignatures);
        Assert.Contains("verified earlier", signatures.Evidence, StringComparison.Ordinal);
        Assert.Contains(signatures.Details, d => d.Label == "leaf ← cabundle[3]" && d.Ok == true);
        Assert.Equal(first.Certificates, second.Certificates);
        Assert.Equal(Verdicts.Signature(AwsVectors.ColdAwsVerifier().Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime)), Verdicts.Signature(second));
    }

    [Fact]
    public void Cached_leaf_still_checks_the_cose_signature()
    {
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = new AttestationChainCache() });
        Verdicts.AssertValid(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime));
        var tampered = AwsVectors.Nitrite;
        tampered[^1] ^= 1;

        var result = verifier.Verify(tampered, AwsVectors.NitriteTime);

        Assert.True(result.LeafFromCache);
        Verdicts.AssertFails(result, AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
    }

    [Fact]
    public void Another_leaf_of_the_same_chain_misses_and_is_verified_against_the_cached_chain()
    {
        using var other = IssueLeaf(chain.Ca.Instance);
        var verifier = CustomVerifier(new AttestationChainCache());
        Verdicts.AssertValid(verifier.Verify(chain.Build(), chain.Ca.ValidAt));

        var result = verifier.Verify(BuildWith(other), chain.Ca.ValidAt);

        Verdicts.AssertValid(result);
        Assert.True(result.ChainFromCache);
        Assert.False(result.LeafFromCache);
        Assert.Equal((0L, 2L, 2), (verifier.ChainCache!.LeafHits, verifier.ChainCache.LeafMisses, verifier.ChainCache.LeafCount));
        Assert.Contains("signature verifies with the issuer's key", result.GetCheck(AttestationCheckId.ChainSignatures).Details[1].Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true)] // the leaf's last second (validity is inclusive)
    [InlineData(1, false)]
    public void Leaf_entry_is_not_used_after_the_leaf_expires(int secondsAfterNotAfter, bool hits)
    {
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = new AttestationChainCache() });
        Verdicts.AssertValid(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime));

        var result = verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteLeafNotAfter.AddSeconds(secondsAfterNotAfter));

        Assert.Equal(hits, result.LeafFromCache);
        if (hits)
        {
            Verdicts.AssertValid(result);
        }
        else
        {
            Verdicts.AssertFails(result, AttestationFailure.CertificateExpired, AttestationCheckId.Validity);
        }
    }

    [Fact]
    public void Leaf_entry_is_not_used_before_the_leaf_or_after_its_chain_is_valid()
    {
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = new AttestationChainCache() });
        Verdicts.AssertValid(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime));

        var early = verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteLeafNotBefore.AddSeconds(-1));

        Assert.False(early.LeafFromCache);
        Verdicts.AssertFails(early, AttestationFailure.CertificateNotYetValid, AttestationCheckId.Validity);

        // The test CA's instance certificate (1 day) expires long before its leaf would (3 h from the epoch
        // would not); a leaf built to outlive its issuer must not be served from the cache past the issuer's end.
        using var longLived = IssueLeaf(chain.Ca.Instance, lifetime: TimeSpan.FromDays(3));
        var custom = CustomVerifier(new AttestationChainCache());
        var document = BuildWith(longLived);
        Verdicts.AssertValid(custom.Verify(document, chain.Ca.ValidAt));
        var afterIssuer = custom.Verify(document, TestCertificateAuthority.Epoch.AddDays(1).AddSeconds(1));
        Assert.False(afterIssuer.LeafFromCache);
        Assert.False(afterIssuer.ChainFromCache);
        Verdicts.AssertFails(afterIssuer, AttestationFailure.CertificateExpired, AttestationCheckId.Validity);
    }

    [Fact]
    public void Leaf_entry_is_not_shared_between_roots_or_bundles()
    {
        var cache = new AttestationChainCache();
        var document = chain.Build();
        Verdicts.AssertValid(CustomVerifier(cache).Verify(document, chain.Ca.ValidAt));

        using var otherCa = TestCertificateAuthority.Create();
        var otherRoot = AttestationTrustRoot.FromCertificate(otherCa.Root, "other test root");
        var other = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = otherRoot, ChainCache = cache });
        var underOtherRoot = other.Verify(document, chain.Ca.ValidAt);
        Assert.False(underOtherRoot.LeafFromCache);
        Assert.False(underOtherRoot.ChainFromCache);
        Verdicts.AssertFails(underOtherRoot, AttestationFailure.UntrustedRoot, AttestationCheckId.RootPinned);

        // The same leaf with the bundle's intermediates in another order is another key (and fails the path).
        var reordered = chain.Build(b => b.CaBundle = [chain.Ca.Root.RawData, chain.Ca.Zonal.RawData, chain.Ca.Regional.RawData, chain.Ca.Instance.RawData]);
        var result = CustomVerifier(cache).Verify(reordered, chain.Ca.ValidAt);
        Assert.False(result.LeafFromCache);
        Verdicts.AssertFails(result, AttestationFailure.ChainInvalid, AttestationCheckId.ChainPath);
        Assert.Equal((0L, 3L, 1), (cache.LeafHits, cache.LeafMisses, cache.LeafCount));
    }

    [Fact]
    public void Tampered_leaf_misses_fails_and_is_not_cached()
    {
        var cache = new AttestationChainCache();
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });
        Verdicts.AssertValid(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime));
        var leaf = AttestationDocument.Decode(AwsVectors.Nitrite).Certificate!.Value.ToArray();
        leaf[^5] ^= 1; // inside the certificate's signature
        var tampered = new DocumentEditor(AwsVectors.Nitrite).SetBytes("certificate", leaf).Encode();

        var first = verifier.Verify(tampered, AwsVectors.NitriteTime);
        var again = verifier.Verify(tampered, AwsVectors.NitriteTime);

        Assert.False(first.LeafFromCache);
        Assert.False(again.LeafFromCache);
        Verdicts.AssertFails(first, AttestationFailure.ChainInvalid, AttestationCheckId.ChainSignatures);
        Verdicts.AssertFails(again, AttestationFailure.ChainInvalid, AttestationCheckId.ChainSignatures);
        Assert.Equal(1, cache.LeafCount);
    }

    [Fact]
    public void Entry_whose_key_matches_but_bytes_differ_is_not_used()
    {
        var cache = new AttestationChainCache();
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });
        Verdicts.AssertValid(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime));
        var document = AttestationDocument.Decode(AwsVectors.Nitrite);
        var chainKey = AttestationChainCache.ComputeKey(document.CaBundle!, AttestationTrustRoot.Aws);
        var key = AttestationChainCache.ComputeLeafKey(chainKey, document.Certificate!.Value.Span);
        var otherLeaf = AttestationDocument.Decode(AwsVectors.Evervault).Certificate!.Value;

        Assert.True(cache.TryGetLeaf(key, chainKey, document.Certificate.Value.Span, AwsVectors.NitriteTime, out _));
        Assert.False(cache.TryGetLeaf(key, chainKey, otherLeaf.Span, AwsVectors.NitriteTime, out var leaf));
        Assert.Null(leaf);
    }

    [Fact]
    public void Least_recently_used_leaf_is_evicted()
    {
        using var second = IssueLeaf(chain.Ca.Instance);
        var cache = new AttestationChainCache(capacity: 4, leafCapacity: 1);
        var verifier = CustomVerifier(cache);
        var a = chain.Build();
        var b = BuildWith(second);

        Assert.False(verifier.Verify(a, chain.Ca.ValidAt).LeafFromCache);
        Assert.True(verifier.Verify(a, chain.Ca.ValidAt).LeafFromCache);
        Assert.False(verifier.Verify(b, chain.Ca.ValidAt).LeafFromCache);
        Assert.False(verifier.Verify(a, chain.Ca.ValidAt).LeafFromCache); // b pushed a out
        Assert.Equal((1, 1), (cache.LeafCount, cache.Count));
        cache.Clear();
        Assert.Equal((0, 0), (cache.LeafCount, cache.Count));
        Assert.Equal(1, cache.LeafCapacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttestationChainCache(leafCapacity: -1));
    }

    [Fact]
    public void Leaf_capacity_zero_checks_every_leaf_against_the_cached_chain()
    {
        var cache = new AttestationChainCache(leafCapacity: 0);
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });
        Verdicts.AssertValid(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime));

        var second = verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime);

        Verdicts.AssertValid(second);
        Assert.True(second.ChainFromCache);
        Assert.False(second.LeafFromCache);
        Assert.Equal((0, 0, 1L), (cache.LeafCapacity, cache.LeafCount, cache.Hits));
    }

    [Fact]
    public void Evicting_a_chain_drops_its_leaves()
    {
        var cache = new AttestationChainCache(capacity: 1);
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = cache });
        Verdicts.AssertValid(verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime));
        Verdicts.AssertValid(verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime));

        Assert.Equal((1, 1), (cache.Count, cache.LeafCount));
        var again = verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime);
        Assert.False(again.LeafFromCache);
        Assert.False(again.ChainFromCache);
    }

    [Fact]
    public void Concurrent_verifications_share_the_leaf_and_its_key()
    {
        var verifier = CustomVerifier(new AttestationChainCache());
        var documents = Enumerable.Range(0, 4).Select(i => chain.Build(b => b.Nonce = [(byte)i])).ToArray();
        var tampered = chain.Build(b => b.Nonce = [9]);
        tampered[^1] ^= 1;
        var results = new AttestationVerificationResult[64];
        Parallel.For(0, results.Length, i => results[i] = verifier.Verify(i % 8 == 7 ? tampered : documents[i % 4], chain.Ca.ValidAt));

        for (var i = 0; i < results.Length; i++)
        {
            if (i % 8 == 7)
            {
                Verdicts.AssertFails(results[i], AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
            }
            else
            {
                Verdicts.AssertValid(results[i]);
            }
        }

        Assert.Equal(1, verifier.ChainCache!.LeafCount);
        Assert.True(verifier.ChainCache.LeafHits > 0);
    }

    private AttestationVerifier CustomVerifier(AttestationChainCache cache) =>
        new(new AttestationVerifierOptions { TrustRoot = chain.Root, ChainCache = cache });

    private byte[] BuildWith(X509Certificate2 leaf)
    {
        var builder = TestDocumentBuilder.For(chain.Ca);
        builder.Certificate = leaf.RawData;
        using var key = leaf.GetECDsaPrivateKey()!;
        return builder.Build(key);
    }

    /// <summary>Another leaf from the test CA's instance certificate, as the NSM issues a new one every few hours.</summary>
    private static X509Certificate2 IssueLeaf(X509Certificate2 issuer, TimeSpan? lifetime = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=i-0123456789abcdef0-enc0123456789abcdef.test-1.test, O=NsmDashboard Tests, OU=NOT AWS, C=US", key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7f) | 0x01);
        var notBefore = TestCertificateAuthority.Epoch;

        // Through a signature generator, because CertificateRequest.Create(issuer, …) refuses a leaf that outlives its issuer.
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notBefore + (lifetime ?? TimeSpan.FromHours(3)), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
