using System.Text.Json.Serialization;

namespace NsmDashboard.Attestation;

/// <summary>The outcome of one check.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttestationCheckStatus>))]
public enum AttestationCheckStatus
{
    /// <summary>The check ran and passed.</summary>
    Passed,

    /// <summary>The check ran and failed.</summary>
    Failed,

    /// <summary>The check does not apply (no policy for it, or revocation, which AWS does not use).</summary>
    NotApplicable,

    /// <summary>The check could not run because an earlier check failed (its evidence says which).</summary>
    Skipped,
}
