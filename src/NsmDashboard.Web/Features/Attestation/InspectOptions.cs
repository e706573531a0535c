using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>How <see cref="AttestationService.Inspect"/> verifies a document.</summary>
public sealed record InspectOptions
{
    /// <summary>Verify with the default choices: now, the root the document's cabundle[0] is among the trusted ones, no policy.</summary>
    public static InspectOptions Default { get; } = new();

    /// <summary>
    /// The validation time; <see langword="null"/> is the default, the current time (<see cref="AttestationValidationTime"/>
    /// says why). The outcome says which time was used.
    /// </summary>
    public DateTimeOffset? ValidationTime { get; init; }

    /// <summary>
    /// Check at the document's own timestamp: whether it was authentic when issued (not whether it is fresh). Ignored
    /// when <see cref="ValidationTime"/> is set.
    /// </summary>
    public bool AtDocumentTime { get; init; }

    /// <summary>
    /// The root to pin; <see langword="null"/> chooses, among <see cref="AttestationService.AvailableRoots"/>, the one the
    /// document's cabundle[0] is (<see cref="AttestationTrustRootChoice"/>), AWS when none.
    /// </summary>
    public AttestationTrustRoot? TrustRoot { get; init; }

    /// <summary>Expected PCR sets, nonce and maximum age; <see langword="null"/> checks none of them.</summary>
    public AttestationPolicy? Policy { get; init; }
}
