using System.Text.Json.Serialization;

namespace NsmDashboard.Attestation;

/// <summary>
/// The verdict on one document: every check in order with its evidence, the first failure, and what the
/// verification was anchored to. Never thrown; bad documents give a result with <see cref="IsValid"/> false.
/// </summary>
public sealed class AttestationVerificationResult
{
    internal AttestationVerificationResult(
        IReadOnlyList<AttestationCheck> checks,
        AttestationTrustRoot trustRoot,
        DateTimeOffset validationTime,
        AttestationPolicy policy)
    {
        Checks = checks;
        TrustRoot = trustRoot;
        ValidationTime = validationTime;
        Policy = policy;
        FirstFailure = checks.FirstOrDefault(c => c.Status == AttestationCheckStatus.Failed);
    }

    /// <summary>Whether every check passed or did not apply.</summary>
    public bool IsValid => FirstFailure is null;

    /// <summary>The reason of the first failed check; <see cref="AttestationFailure.None"/> when valid.</summary>
    public AttestationFailure Failure => FirstFailure?.Failure ?? AttestationFailure.None;

    /// <summary>The first failed check, or <see langword="null"/> when valid.</summary>
    public AttestationCheck? FirstFailure { get; }

    /// <summary>Every check, in the order of <see cref="AttestationCheckId"/>.</summary>
    public IReadOnlyList<AttestationCheck> Checks { get; }

    /// <summary>The root the document was verified against (pinned by bytes).</summary>
    public AttestationTrustRoot TrustRoot { get; }

    /// <summary>
    /// Whether the document is valid <em>and</em> chains to the AWS Nitro Enclaves root: it came from real Nitro
    /// hardware. Always false for documents verified against an emulator or custom root.
    /// </summary>
    public bool IsRootedInAws => IsValid && TrustRoot.Kind == AttestationTrustRootKind.Aws;

    /// <summary>The time certificates were checked at (and the document's age measured from).</summary>
    public DateTimeOffset ValidationTime { get; }

    /// <summary>The policy applied.</summary>
    [JsonIgnore]
    public AttestationPolicy Policy { get; }

    /// <summary>The certificates of the path, leaf first, root last, as far as they could be read.</summary>
    public IReadOnlyList<AttestationCertificateInfo> Certificates { get; internal init; } = [];

    /// <summary>Whether the CA part of the chain came from the <see cref="AttestationChainCache"/>.</summary>
    public bool ChainFromCache { get; internal init; }

    /// <summary>
    /// Whether the leaf certificate, too, came from the <see cref="AttestationChainCache"/>: its signature was verified
    /// earlier with the same chain, and only the COSE signature was checked now.
    /// </summary>
    public bool LeafFromCache { get; internal init; }

    /// <summary>The decoded document; <see langword="null"/> when the bytes did not decode.</summary>
    [JsonIgnore]
    public AttestationDocument? Document { get; internal init; }

    /// <summary>Why the bytes did not decode, when they did not.</summary>
    [JsonIgnore]
    public AttestationDecodeException? DecodeError { get; internal init; }

    /// <summary>The check with this id (every result holds all of them).</summary>
    public AttestationCheck GetCheck(AttestationCheckId id)
    {
        foreach (var check in Checks)
        {
            if (check.Id == id)
            {
                return check;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(id), id, "No such check in this result.");
    }

    /// <summary>A one-line verdict, e.g. <c>valid (AWS Nitro Enclaves Root G1)</c> or <c>invalid: SignatureInvalid — …</c>.</summary>
    public override string ToString() => FirstFailure is { } failure
        ? $"invalid: {failure.Failure} — {failure.Name}: {failure.Evidence}"
        : $"valid ({TrustRoot.Name}, {TrustRoot.Kind} root)";
}
