namespace NsmDashboard.Attestation.Tests;

internal static class TestVerifiers
{
    /// <summary>A verifier pinned to AWS with no cache (every chain from scratch).</summary>
    public static AttestationVerifier ColdAwsVerifier() => new(new AttestationVerifierOptions { ChainCache = null });
}
