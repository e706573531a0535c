using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NsmDashboard.Attestation;

namespace NsmDashboard.Benchmarks;

/// <summary>
/// Attestation documents verified per second per core — cold (no cache), with the CA chain cached, and with the
/// verified leaf cached — next to this machine's own ECDSA P-384 verify rate, measured in the same run (the baseline,
/// so the Ratio column reads directly as "P-384 verifications' worth of time"). Targets: cold ≤ 7.5 × P-384 (that is
/// ≥ 0.8 × rate ÷ 6: X509Chain verifies the 4 links and the pinned root's self-signature, plus the COSE signature),
/// cached chain ≤ 2.5 × P-384 (≥ 0.8 × rate ÷ 2: the leaf's signature and the COSE signature), cached leaf ≤ 1.25 ×
/// P-384 (≥ 0.8 × rate: the COSE signature alone). The document is the real evervault one at a time inside its window.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class AttestationBenchmarks
{
    /// <summary>Inside the evervault leaf's validity (08:57:59Z … 11:58:02Z), 2 minutes after it was issued.</summary>
    public static readonly DateTimeOffset EvervaultTime = new(2022, 10, 13, 9, 0, 0, TimeSpan.Zero);

    private byte[] _document = [];
    private AttestationVerifier _cold = null!;
    private AttestationVerifier _cachedChain = null!;
    private AttestationVerifier _cachedLeaf = null!;
    private ECDsa _publicKey = null!;
    private byte[] _message = [];
    private byte[] _signature = [];

    [GlobalSetup]
    public void Setup()
    {
        _document = BenchmarkData.Evervault;
        _cold = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = null });
        _cachedChain = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = new AttestationChainCache(leafCapacity: 0) });
        _cachedLeaf = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = new AttestationChainCache() });

        // The reference: one ES384 verification over a message of the document's real size — its own Sig_structure
        // (4.4 KB) — with a P-384 public key, raw r‖s signature, exactly as the COSE check does.
        _message = AttestationDocument.Decode(_document).GetSigStructure();
        using (var signer = ECDsa.Create(ECCurve.NamedCurves.nistP384))
        {
            _signature = signer.SignData(_message, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            _publicKey = ECDsa.Create(signer.ExportParameters(includePrivateParameters: false));
        }

        // Never time a failure: both paths must give a valid verdict, and the cached one must really hit.
        Require(_cold.Verify(_document, EvervaultTime), chain: false, leaf: false);
        Require(_cachedChain.Verify(_document, EvervaultTime), chain: false, leaf: false);
        Require(_cachedChain.Verify(_document, EvervaultTime), chain: true, leaf: false);
        Require(_cachedLeaf.Verify(_document, EvervaultTime), chain: false, leaf: false);
        Require(_cachedLeaf.Verify(_document, EvervaultTime), chain: true, leaf: true);
        if (!P384Verify())
        {
            throw new InvalidOperationException("The reference P-384 signature does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _publicKey.Dispose();

    /// <summary>The machine's ECDSA P-384 verify (SHA-384 over ~4.4 KB, IEEE P1363 r‖s).</summary>
    [Benchmark(Baseline = true)]
    public bool P384Verify() =>
        _publicKey.VerifyData(_message, _signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>Decoding alone: COSE envelope, protected header and every payload field.</summary>
    [Benchmark]
    public AttestationDocument Decode() => AttestationDocument.Decode(_document);

    /// <summary>Cold: no chain cache, the whole chain through X509Chain every time.</summary>
    [Benchmark]
    public AttestationVerificationResult VerifyCold() => _cold.Verify(_document, EvervaultTime);

    /// <summary>Cached chain: a document of the same enclave with a leaf not seen before; the CA chain comes from the cache.</summary>
    [Benchmark]
    public AttestationVerificationResult VerifyCachedChain() => _cachedChain.Verify(_document, EvervaultTime);

    /// <summary>Cached leaf: a document signed with a leaf seen before; only the COSE signature is verified.</summary>
    [Benchmark]
    public AttestationVerificationResult VerifyCachedLeaf() => _cachedLeaf.Verify(_document, EvervaultTime);

    private static void Require(AttestationVerificationResult result, bool chain, bool leaf)
    {
        if (!result.IsValid || result.ChainFromCache != chain || result.LeafFromCache != leaf)
        {
            throw new InvalidOperationException($"Unexpected verdict (chain from cache: {result.ChainFromCache}, leaf: {result.LeafFromCache}): {result}");
        }
    }
}
