namespace NsmDashboard.Web.Features.Attestation;

/// <summary>How the Inspect page picks the validation time.</summary>
public enum ValidationTimeMode
{
    /// <summary>The document's own timestamp for an old document, else now (<see cref="AttestationService.ChooseValidationTime"/>).</summary>
    Automatic,

    /// <summary>The current time.</summary>
    Now,

    /// <summary>A time the operator types (ISO 8601).</summary>
    Specific,
}
