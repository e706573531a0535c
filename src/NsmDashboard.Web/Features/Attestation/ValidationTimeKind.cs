namespace NsmDashboard.Web.Features.Attestation;

/// <summary>Which time an attestation document's certificates were checked at (docs/attestation-verification.md#validation-time).</summary>
public enum ValidationTimeKind
{
    /// <summary>The current time: what AWS prescribes for live attestation.</summary>
    Now,

    /// <summary>The document's own <c>timestamp</c>, because its signing certificate has expired since (an offline replay).</summary>
    DocumentTimestamp,

    /// <summary>A time the operator (or API caller) chose.</summary>
    Specified,
}
