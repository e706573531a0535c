namespace NsmDashboard.Web.Features.Attestation;

/// <summary>How the Inspect page picks the validation time (docs/attestation-verification.md#validation-time).</summary>
public enum ValidationTimeMode
{
    /// <summary>The current time: the default, as for <c>nsm verify</c> and the API.</summary>
    Now,

    /// <summary>The document's own timestamp: whether it was authentic when it was issued.</summary>
    DocumentTime,

    /// <summary>A time the operator types (ISO 8601).</summary>
    Specific,
}
