using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>Which root the Inspect page pins.</summary>
public enum TrustRootChoice
{
    /// <summary>The root the document's cabundle[0] is, among those this dashboard trusts (<see cref="AttestationTrustRootChoice"/>).</summary>
    Automatic,

    /// <summary>The AWS Nitro Enclaves root G1.</summary>
    Aws,

    /// <summary>This dashboard's emulator root (only when the NSM is emulated).</summary>
    Emulator,

    /// <summary>A root certificate pasted as PEM.</summary>
    Pem,
}
