using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>One check of a verification.</summary>
/// <param name="Id">Its stable id (<c>CoseSignature</c>, <c>RootPinned</c>, …).</param>
/// <param name="Name">Its title.</param>
/// <param name="Status"><c>Passed</c>, <c>Failed</c>, <c>NotApplicable</c> or <c>Skipped</c>.</param>
/// <param name="Evidence">What was seen.</param>
/// <param name="Failure">The failure it reports when it failed; null otherwise.</param>
/// <param name="Reference">Where the rule comes from.</param>
/// <param name="Details">Itemised evidence (per certificate, per PCR, …).</param>
public sealed record CheckResponse(
    string Id,
    string Name,
    string Status,
    string Evidence,
    string? Failure,
    string Reference,
    IReadOnlyList<CheckDetailResponse> Details)
{
    /// <summary>The response for a check.</summary>
    public static CheckResponse From(AttestationCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new CheckResponse(
            check.Id.ToString(),
            check.Name,
            check.Status.ToString(),
            check.Evidence,
            check.Status == AttestationCheckStatus.Failed ? check.Failure.ToString() : null,
            check.Reference,
            [.. check.Details.Select(d => new CheckDetailResponse(d.Label, d.Value, d.Ok))]);
    }
}

/// <summary>One line of evidence under a check.</summary>
/// <param name="Label">What it is about (<c>PCR0</c>, <c>leaf</c>, …).</param>
/// <param name="Value">The evidence.</param>
/// <param name="Ok">Whether this item passed; null for information only.</param>
public sealed record CheckDetailResponse(string Label, string Value, bool? Ok);
