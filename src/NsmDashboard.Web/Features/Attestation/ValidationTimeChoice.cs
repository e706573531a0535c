namespace NsmDashboard.Web.Features.Attestation;

/// <summary>The validation time used for a document, how it was chosen and why, in words an operator can check.</summary>
/// <param name="Kind">Now, the document's own timestamp, or a time that was specified.</param>
/// <param name="At">The time the certificates were checked at (UTC).</param>
/// <param name="Explanation">One or two sentences saying why this time was used.</param>
public sealed record ValidationTimeChoice(ValidationTimeKind Kind, DateTimeOffset At, string Explanation);
