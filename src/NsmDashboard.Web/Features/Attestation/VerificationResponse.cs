using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>The verifier's verdict on one document (docs/attestation-verification.md): every check in order with its evidence.</summary>
/// <param name="Valid">Whether the document decoded and every check passed or did not apply.</param>
/// <param name="RootedInAws">Whether it is valid and chains to the AWS root: it came from real Nitro hardware.</param>
/// <param name="Failure">The reason of the first failed check (<c>None</c> when valid): <c>UntrustedRoot</c>, <c>SignatureInvalid</c>, …</param>
/// <param name="FirstFailure">The first failed check, or null.</param>
/// <param name="DecodeError">Why the bytes are not a well-formed document (field path and byte offset), or null.</param>
/// <param name="ValidationTime">The time the certificates were checked at (UTC).</param>
/// <param name="ValidationTimeKind"><c>Now</c>, <c>DocumentTimestamp</c> or <c>Specified</c>.</param>
/// <param name="ValidationTimeReason">Why that time was used.</param>
/// <param name="ValidationAdvice">
/// When the document failed only because its certificates expired since it was issued: that in words, with its own
/// timestamp to check it at (<c>"at": "document"</c>); null otherwise.
/// </param>
/// <param name="TrustRoot">The pinned root.</param>
/// <param name="RootChoice">How the root was chosen when none was named (by the document's cabundle[0]); null when one was.</param>
/// <param name="Checks">Every check, in order.</param>
/// <param name="Certificates">The certificate path, leaf first, as far as it could be read.</param>
/// <param name="Kind">
/// The document's kind, decided from its payload: <c>NitroEnclave</c> or <c>NitroTpm</c> (EC2 instance attestation);
/// null when it did not decode or has both PCR maps or neither.
/// </param>
public sealed record VerificationResponse(
    bool Valid,
    bool RootedInAws,
    string Failure,
    CheckResponse? FirstFailure,
    string? DecodeError,
    DateTimeOffset ValidationTime,
    string ValidationTimeKind,
    string ValidationTimeReason,
    string? ValidationAdvice,
    TrustRootResponse TrustRoot,
    string? RootChoice,
    IReadOnlyList<CheckResponse> Checks,
    IReadOnlyList<CertificateResponse> Certificates,
    AttestationDocumentKind? Kind)
{
    /// <summary>The response for an outcome of <see cref="AttestationService"/>.</summary>
    public static VerificationResponse From(AttestationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var result = outcome.Verification;
        return new VerificationResponse(
            outcome.IsValid,
            outcome.IsValid && result.IsRootedInAws,
            result.Failure.ToString(),
            result.FirstFailure is { } failure ? CheckResponse.From(failure) : null,
            outcome.DecodeError?.Message,
            result.ValidationTime,
            outcome.ValidationTime.Kind.ToString(),
            outcome.ValidationTime.Explanation,
            outcome.ExpiredAdvice,
            TrustRootResponse.From(result.TrustRoot),
            outcome.RootChoice?.Explanation,
            [.. result.Checks.Select(CheckResponse.From)],
            [.. result.Certificates.Select(CertificateResponse.From)],
            outcome.Decoded?.Kind);
    }
}
