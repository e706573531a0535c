namespace NsmDashboard.Attestation;

/// <summary>How an <see cref="AttestationVerifier"/> verifies.</summary>
public sealed class AttestationVerifierOptions
{
    /// <summary>The root to pin. Default: <see cref="AttestationTrustRoot.Aws"/>.</summary>
    public AttestationTrustRoot TrustRoot { get; init; } = AttestationTrustRoot.Aws;

    /// <summary>The policy used when a call gives none. Default: <see cref="AttestationPolicy.None"/>.</summary>
    public AttestationPolicy Policy { get; init; } = AttestationPolicy.None;

    /// <summary>The clock for "now" when a call gives no validation time. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The cache of validated CA chains; <see langword="null"/> verifies every chain from scratch. Default: a new
    /// cache of <see cref="AttestationChainCache.DefaultCapacity"/> chains for this options instance. Share one
    /// instance between verifiers to share the work.
    /// </summary>
    public AttestationChainCache? ChainCache { get; init; } = new();
}
