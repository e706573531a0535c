using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>How <see cref="AttestationService.Inspect"/> verifies a document.</summary>
public sealed record InspectOptions
{
    /// <summary>Verify with the default choices: automatic validation time, the dashboard's default root, no policy.</summary>
    public static InspectOptions Default { get; } = new();

    /// <summary>
    /// The validation time; <see langword="null"/> chooses automatically: the document's own timestamp when its
    /// signing certificate has expired by now (an old document), else now. The outcome says which and why.
    /// </summary>
    public DateTimeOffset? ValidationTime { get; init; }

    /// <summary>
    /// Check at the current time even when the document is old (as AWS prescribes for live attestation). Ignored when
    /// <see cref="ValidationTime"/> is set.
    /// </summary>
    public bool AtNow { get; init; }

    /// <summary>The root to pin; <see langword="null"/> uses <see cref="AttestationService.DefaultTrustRoot"/>.</summary>
    public AttestationTrustRoot? TrustRoot { get; init; }

    /// <summary>Expected PCR sets, nonce and maximum age; <see langword="null"/> checks none of them.</summary>
    public AttestationPolicy? Policy { get; init; }
}
