using NsmDashboard.Attestation;
using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Checkpoints;

/// <summary>
/// Verifies that an attestation document proves a chain head: a valid document under the pinned root (with
/// <see cref="AttestationVerifier"/>), carrying the caller's nonce when there is one, whose user_data is a
/// <see cref="Checkpoints.Checkpoint"/>. Thread-safe.
/// </summary>
public sealed class CheckpointVerifier
{
    /// <summary>A verifier pinning the given root.</summary>
    public CheckpointVerifier(AttestationTrustRoot trustRoot)
        : this(new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = trustRoot ?? throw new ArgumentNullException(nameof(trustRoot)) }))
    {
    }

    /// <summary>A verifier over an attestation verifier (its root, clock and chain cache).</summary>
    public CheckpointVerifier(AttestationVerifier attestationVerifier)
    {
        ArgumentNullException.ThrowIfNull(attestationVerifier);
        AttestationVerifier = attestationVerifier;
    }

    /// <summary>The attestation verifier.</summary>
    public AttestationVerifier AttestationVerifier { get; }

    /// <summary>The pinned root.</summary>
    public AttestationTrustRoot TrustRoot => AttestationVerifier.TrustRoot;

    /// <summary>Verifies a document.</summary>
    /// <param name="document">The COSE_Sign1 bytes.</param>
    /// <param name="expectedNonce">The nonce the caller sent for it; null for a stored checkpoint (no freshness claimed).</param>
    /// <param name="at">
    /// The validation time. Default: the document's own timestamp — a stored checkpoint is proof of what the chain
    /// held when it was signed, and AWS's leaf certificates live only hours; a fresh one is checked at "now" by passing it.
    /// </param>
    public CheckpointVerification Verify(ReadOnlyMemory<byte> document, byte[]? expectedNonce = null, DateTimeOffset? at = null) =>
        // Spelled out: a null array converted to ReadOnlyMemory would be an EMPTY nonce, i.e. "expect an empty nonce".
        Verify(document, new AttestationPolicy { ExpectedNonce = expectedNonce is { } nonce ? new ReadOnlyMemory<byte>(nonce) : (ReadOnlyMemory<byte>?)null }, at);

    /// <summary>Verifies a document that must also meet <paramref name="policy"/>: e.g. the PCRs of the expected enclave image.</summary>
    /// <param name="document">The COSE_Sign1 bytes.</param>
    /// <param name="policy">What the document must meet, its nonce included (<see cref="AttestationPolicy.ExpectedNonce"/>).</param>
    /// <param name="at">The validation time; default: the document's own timestamp (see the other overload).</param>
    public CheckpointVerification Verify(ReadOnlyMemory<byte> document, AttestationPolicy policy, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        AttestationVerificationResult result;
        if (AttestationDocument.TryDecode(document.Span, out var decoded, out _))
        {
            result = AttestationVerifier.Verify(decoded, at ?? decoded.Timestamp, policy);
        }
        else
        {
            result = AttestationVerifier.Verify(document, at, policy);
        }

        if (!result.IsValid)
        {
            var failure = result.Failure == AttestationFailure.NonceMismatch ? CheckpointFailure.NonceMismatch : CheckpointFailure.AttestationInvalid;
            var reason = failure == CheckpointFailure.NonceMismatch
                ? "the document does not carry the nonce sent for it: it could be a replay, or an answer to someone else"
                : $"the attestation document is not valid: {result}";
            return new CheckpointVerification(result, null, failure, reason);
        }

        if (!result.Document!.UserData.TryGetBytes(out var userData))
        {
            return new CheckpointVerification(result, null, CheckpointFailure.NotACheckpoint, "the document has no user_data: it attests no checkpoint");
        }

        if (!Checkpoint.TryDecode(userData.Span, out var checkpoint, out var problem))
        {
            return new CheckpointVerification(result, null, CheckpointFailure.NotACheckpoint, problem);
        }

        return new CheckpointVerification(
            result, checkpoint, CheckpointFailure.None, $"attests {checkpoint.Stream.Name()} record {checkpoint.Sequence} ({result.TrustRoot.Name})");
    }
}
