using NsmDashboard.Attestation;
using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Checkpoints;

/// <summary>
/// Verifies that an attestation document proves a chain head: a valid document under the pinned root (with
/// <see cref="AttestationVerifier"/>), from the expected enclave (<see cref="EnclavePolicy"/>), carrying the caller's
/// nonce when there is one, whose user_data is a <see cref="Checkpoints.Checkpoint"/>. Thread-safe.
/// </summary>
/// <remarks>
/// The root alone is not enough: the parent instance can run an enclave of its own (another image, or a debug-mode
/// one) under the same AWS root, forge records, and have that enclave sign their head. Every checkpoint — fetched, in
/// a file, or kept beside one — is held to the same enclave policy; only the nonce differs from one to the next.
/// </remarks>
public sealed class CheckpointVerifier
{
    /// <summary>A verifier pinning the given root.</summary>
    /// <param name="trustRoot">The root every document must chain to.</param>
    /// <param name="enclavePolicy">What every document must meet (PCR sets, kind, debug mode), without a nonce; default: nothing beyond the root.</param>
    public CheckpointVerifier(AttestationTrustRoot trustRoot, AttestationPolicy? enclavePolicy = null)
        : this(new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = trustRoot ?? throw new ArgumentNullException(nameof(trustRoot)) }), enclavePolicy)
    {
    }

    /// <summary>A verifier over an attestation verifier (its root, clock and chain cache).</summary>
    /// <param name="attestationVerifier">The attestation verifier.</param>
    /// <param name="enclavePolicy">What every document must meet (PCR sets, kind, debug mode), without a nonce; default: nothing beyond the root.</param>
    /// <exception cref="ArgumentException">The policy expects a nonce: nonces belong to one exchange, given to <see cref="Verify(ReadOnlyMemory{byte}, byte[], DateTimeOffset?)"/>.</exception>
    public CheckpointVerifier(AttestationVerifier attestationVerifier, AttestationPolicy? enclavePolicy = null)
    {
        ArgumentNullException.ThrowIfNull(attestationVerifier);
        if (enclavePolicy?.ExpectedNonce is not null)
        {
            throw new ArgumentException("The enclave policy applies to every checkpoint, stored ones included: it cannot expect a nonce", nameof(enclavePolicy));
        }

        AttestationVerifier = attestationVerifier;
        EnclavePolicy = enclavePolicy ?? AttestationPolicy.None;
    }

    /// <summary>The attestation verifier.</summary>
    public AttestationVerifier AttestationVerifier { get; }

    /// <summary>The pinned root.</summary>
    public AttestationTrustRoot TrustRoot => AttestationVerifier.TrustRoot;

    /// <summary>What every document must meet besides the root (no nonce); <see cref="AttestationPolicy.None"/> when nothing.</summary>
    public AttestationPolicy EnclavePolicy { get; }

    /// <summary>Verifies a document against the root and <see cref="EnclavePolicy"/>, and the nonce when there is one.</summary>
    /// <param name="document">The COSE_Sign1 bytes.</param>
    /// <param name="expectedNonce">The nonce the caller sent for it; null for a stored checkpoint (no freshness claimed).</param>
    /// <param name="at">
    /// The validation time. Default: the document's own timestamp — a stored checkpoint is proof of what the chain
    /// held when it was signed, and AWS's leaf certificates live only hours; a fresh one is checked at "now" by passing it.
    /// </param>
    public CheckpointVerification Verify(ReadOnlyMemory<byte> document, byte[]? expectedNonce = null, DateTimeOffset? at = null)
    {
        // Spelled out: a null array converted to ReadOnlyMemory would be an EMPTY nonce, i.e. "expect an empty nonce".
        var policy = EnclavePolicy.WithNonce(expectedNonce is { } nonce ? new ReadOnlyMemory<byte>(nonce) : (ReadOnlyMemory<byte>?)null);
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
            var (failure, reason) = result.Failure switch
            {
                AttestationFailure.NonceMismatch => (CheckpointFailure.NonceMismatch,
                    "the document does not carry the nonce sent for it: it could be a replay, or an answer to someone else"),
                AttestationFailure.PolicyKindMismatch or AttestationFailure.PcrMismatch or AttestationFailure.DebugMode => (CheckpointFailure.NotExpectedEnclave,
                    $"the checkpoint is not from the expected enclave: {result}"),
                _ => (CheckpointFailure.AttestationInvalid, $"the attestation document is not valid: {result}"),
            };
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
