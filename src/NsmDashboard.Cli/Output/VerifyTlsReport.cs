using System.Security.Cryptography;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Infrastructure;

namespace NsmDashboard.Cli.Output;

/// <summary>What <c>verify-tls</c> found: the connection, the nonce, the verifier's result and the binding checks.</summary>
internal sealed record VerifyTlsReport(
    TlsAttestationExchange Exchange,
    byte[] Nonce,
    bool NonceGiven,
    AttestationVerificationResult Result,
    IReadOnlyList<TlsBindingCheck> Binding)
{
    /// <summary>Whether the document is valid and bound to the served certificate.</summary>
    public bool Verified => Result.IsValid && Binding.All(check => check.Passed);

    /// <summary>SHA-384 of the served certificate's DER (its fingerprint).</summary>
    public string CertificateSha384 => Convert.ToHexStringLower(SHA384.HashData(Exchange.Certificate.RawDataMemory.Span));

    /// <summary>SHA-384 of the served certificate's SubjectPublicKeyInfo.</summary>
    public string SpkiSha384 => Convert.ToHexStringLower(SHA384.HashData(Exchange.Certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>One line: what was proven, or the first thing that failed.</summary>
    public string Verdict
    {
        get
        {
            if (Result.FirstFailure is { } failure)
            {
                return $"NOT VERIFIED: the document is invalid ({failure.Failure}): {failure.Name}: {failure.Evidence}";
            }

            if (Binding.FirstOrDefault(check => !check.Passed) is { } unbound)
            {
                return $"NOT VERIFIED: {unbound.Name}: failed. The document is genuine, but it binds another certificate than the one this connection was served";
            }

            var origin = Result.TrustRoot.Kind == AttestationTrustRootKind.Aws
                ? "an AWS Nitro enclave"
                : $"the enclave under the {VerifyReport.RootKindName(Result.TrustRoot.Kind)} root {Result.TrustRoot.Subject} (NOT rooted in AWS)";
            return $"VERIFIED: this TLS connection ends in {origin}, whose attestation binds the served certificate";
        }
    }
}
