using System.Text.Json.Serialization;

namespace NsmDashboard.Attestation;

/// <summary>Which kind of root a verifier pins.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttestationTrustRootKind>))]
public enum AttestationTrustRootKind
{
    /// <summary>The AWS Nitro Enclaves root G1: documents from real Nitro hardware.</summary>
    Aws,

    /// <summary>The in-process emulator's own root: documents from <c>NsmEmulator</c>, never from AWS.</summary>
    Emulator,

    /// <summary>A root the user supplied (a PEM file or a certificate).</summary>
    Custom,
}
