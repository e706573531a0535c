using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// A document as the dashboard understood it: its bytes, the decoded fields (or the typed decode error naming the
/// place), the verifier's ordered checks, and the validation time with the reason it was chosen.
/// </summary>
/// <param name="Document">The document bytes exactly as received (COSE_Sign1).</param>
/// <param name="Decoded">The decoded document; <see langword="null"/> when the bytes are not a well-formed document.</param>
/// <param name="DecodeError">Why the bytes did not decode (problem, byte offset, field path); <see langword="null"/> when they did.</param>
/// <param name="Verification">
/// The verifier's result: every check in order with its evidence. Present for undecodable bytes too, where the
/// first check (COSE structure) fails with the decode error and the others are skipped.
/// </param>
/// <param name="ValidationTime">The validation time, how it was chosen and why.</param>
/// <param name="RootChoice">
/// How the root was chosen when none was named (by the document's <c>cabundle[0]</c>); <see langword="null"/> when the
/// caller named it, or the document came from this dashboard's own NSM.
/// </param>
public sealed record AttestationOutcome(
    ReadOnlyMemory<byte> Document,
    AttestationDocument? Decoded,
    AttestationDecodeException? DecodeError,
    AttestationVerificationResult Verification,
    AttestationValidationTime ValidationTime,
    AttestationTrustRootChoice? RootChoice = null)
{
    /// <summary>The time the certificates were checked at (UTC); the same as <see cref="AttestationValidationTime.At"/>.</summary>
    public DateTimeOffset ValidatedAt => ValidationTime.At;

    /// <summary>
    /// When the document failed only because its certificates have expired since it was issued: why, and the time to
    /// check it at instead (<see cref="AttestationValidationTime.ExpiredAdvice"/>).
    /// </summary>
    public string? ExpiredAdvice => AttestationValidationTime.ExpiredAdvice(Verification);

    /// <summary>Whether the document decoded and every check passed or did not apply.</summary>
    public bool IsValid => Decoded is not null && Verification.IsValid;

    /// <summary>The root the document was verified against.</summary>
    public AttestationTrustRoot TrustRoot => Verification.TrustRoot;

    /// <summary>The document as standard base64 (what the API returns and the page copies).</summary>
    public string Base64 => Convert.ToBase64String(Document.Span);
}
