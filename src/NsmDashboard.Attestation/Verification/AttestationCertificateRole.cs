using System.Text.Json.Serialization;

namespace NsmDashboard.Attestation;

/// <summary>Where a certificate sits in the path leaf → intermediates → root.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttestationCertificateRole>))]
public enum AttestationCertificateRole
{
    /// <summary>The document's <c>certificate</c>: the enclave key that signs the document.</summary>
    Leaf,

    /// <summary>A <c>cabundle</c> entry between the root and the leaf (regional, zonal, instance on AWS).</summary>
    Intermediate,

    /// <summary><c>cabundle[0]</c>, which must be the pinned root.</summary>
    Root,
}
