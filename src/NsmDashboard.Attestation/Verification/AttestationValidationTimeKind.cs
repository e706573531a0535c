using System.Text.Json.Serialization;

namespace NsmDashboard.Attestation;

/// <summary>How the validation time of a verification was chosen (<see cref="AttestationValidationTime"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttestationValidationTimeKind>))]
public enum AttestationValidationTimeKind
{
    /// <summary>The current time: the default everywhere, and what AWS prescribes for live attestation.</summary>
    Now,

    /// <summary>The document's own <c>timestamp</c>, asked for (to check an old document as it was when issued).</summary>
    DocumentTimestamp,

    /// <summary>A time the caller gave.</summary>
    Specified,
}
