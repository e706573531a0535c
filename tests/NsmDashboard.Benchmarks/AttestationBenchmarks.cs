using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NsmDashboard.Attestation;

namespace NsmDashboard.Benchmarks;

/// <summary>
/// Attestation documents verified per second per core — cold (no chain cache) and with the CA chain
/// cached — next to this machine's own ECDSA P-384 verify rate, measured in the same run (the baseline, so the
/// Ratio column reads directly as "P-384 verifications' worth of time"). Targets: cold ≤ 6.25 × P-384 (that is
/// ≥ 0.8 × rate ÷ 5), cached ≤ 2.5 × P-384 (≥ 0.8 × rate ÷ 2: the leaf's signature and the COSE signature are the
/// two signature checks left on the cached path). The document is the real evervault one at a time inside its window.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class AttestationBenchmarks
{
    /// <summary>Inside the evervault leaf's validity (08:57:59Z … 11:58:02Z), 2 minutes after it was issued.</summary>
    public static readonly DateTimeOffset EvervaultTime = new(2022, 10, 13, 9, 0, 0, TimeSpan.Zero);

    private byte[] _document = [];
    private AttestationVerifier _cold = null!;
    private AttestationVerifier _cached = null!;
    private ECDsa _publicKey = null!;
    private byte[] _message = [];
    private byte[] _signature = [];

    [GlobalSetup]
    public void Setup()
    {
        _document = BenchmarkData.Evervault;
        _cold = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = null });
        _cached = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = new AttestationChainCache() });

        // The reference: one ES384 verification over a message of the document's real size — its own Sig_structure
        // (4.4 KB) — with a P-384 public key, raw r‖s signature, exactly as the COSE check does.
        _message = AttestationDocument.Decode(_document).GetSigStructure();
        using (var signer = ECDsa.Create(ECCurve.NamedCurves.nistP384))
        {
            _signature = signer.SignData(_message, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            _publicKey = ECDsa.Create(signer.ExportParameters(includePrivateParameters: false));
        }

        // Never time a failure: both paths must give a valid verdict, and the cached one must really hit.
        Require(_cold.Verify(_document, EvervaultTime), fromCache: false);
        Require(_cached.Verify(_document, EvervaultTime), fromCache: false);
        Require(_cached.Verify(_document, EvervaultTime), fromCache: true);
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

    /// <summary>Cached: the same enclave's document again; the CA chain comes from the cache.</summary>
    [Benchmark]
    public AttestationVerificationResult VerifyCached() => _cached.Verify(_document, EvervaultTime);

    private static void Require(AttestationVerificationResult result, bool fromCache)
    {
        if (!result.IsValid || result.ChainFromCache != fromCache)
        {
            throw new InvalidOperationException($"Unexpected verdict (from cache: {result.ChainFromCache}): {result}");
        }
    }
}
