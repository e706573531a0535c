namespace NsmDashboard.Web.Features.Attestation;

/// <summary>Which root the Inspect page pins.</summary>
public enum TrustRootChoice
{
    /// <summary>The AWS Nitro Enclaves root G1.</summary>
    Aws,

    /// <summary>This dashboard's emulator root (only when the NSM is emulated).</summary>
    Emulator,

    /// <summary>A root certificate pasted as PEM.</summary>
    Pem,
}
