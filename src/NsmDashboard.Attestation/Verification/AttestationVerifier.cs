namespace NsmDashboard.Attestation;

/// <summary>
/// Verifies NSM attestation documents (docs/attestation-verification.md): COSE structure and algorithm, AWS's syntactic rules,
/// the certificate chain to a pinned root at a given time, the COSE signature with the leaf key, and an optional
/// policy. Every check is reported, in order, with its evidence; bad documents never throw.
/// </summary>
/// <remarks>Thread-safe; create one per trust root and reuse it (its chain cache then pays off).</remarks>
public sealed class AttestationVerifier
{
    /// <summary>A verifier with the default options: the AWS root, no policy, the system clock, a chain cache.</summary>
    public AttestationVerifier()
        : this(new AttestationVerifierOptions())
    {
    }

    /// <summary>A verifier with the given options.</summary>
    public AttestationVerifier(AttestationVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TrustRoot);
        ArgumentNullException.ThrowIfNull(options.Policy);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        TrustRoot = options.TrustRoot;
        Policy = options.Policy;
        TimeProvider = options.TimeProvider;
        ChainCache = options.ChainCache;
    }

    /// <summary>The pinned root.</summary>
    public AttestationTrustRoot TrustRoot { get; }

    /// <summary>The default policy.</summary>
    public AttestationPolicy Policy { get; }

    /// <summary>The clock used when no validation time is given.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The chain cache, or <see langword="null"/> when chains are always verified from scratch.</summary>
    public AttestationChainCache? ChainCache { get; }

    /// <summary>Decodes and verifies a document given as COSE_Sign1 bytes.</summary>
    /// <param name="document">The document bytes (see <see cref="AttestationInput"/> for text forms).</param>
    /// <param name="at">The validation time; default: now, from <see cref="TimeProvider"/>.</param>
    /// <param name="policy">The policy; default: <see cref="Policy"/>.</param>
    public AttestationVerificationResult Verify(ReadOnlyMemory<byte> document, DateTimeOffset? at = null, AttestationPolicy? policy = null)
    {
        var run = CreateRun(at, policy);
        return AttestationDocument.TryDecode(document.Span, out var decoded, out var error)
            ? run.Run(decoded)
            : run.RunUndecodable(error);
    }

    /// <summary>Verifies a decoded document.</summary>
    /// <param name="document">The document.</param>
    /// <param name="at">The validation time; default: now, from <see cref="TimeProvider"/>.</param>
    /// <param name="policy">The policy; default: <see cref="Policy"/>.</param>
    public AttestationVerificationResult Verify(AttestationDocument document, DateTimeOffset? at = null, AttestationPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return CreateRun(at, policy).Run(document);
    }

    private VerificationRun CreateRun(DateTimeOffset? at, AttestationPolicy? policy) =>
        new(TrustRoot, policy ?? Policy, ChainCache, (at ?? TimeProvider.GetUtcNow()).ToUniversalTime());
}
