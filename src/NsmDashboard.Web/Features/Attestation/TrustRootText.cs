using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// How a trust root is named on the pages. The emulator's root is never called AWS, and says so in its label:
/// an operator skimming a green verdict must not mistake an emulated document for one from Nitro hardware.
/// </summary>
public static class TrustRootText
{
    /// <summary>The label shown next to every verdict.</summary>
    public static string Label(AttestationTrustRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.Kind switch
        {
            AttestationTrustRootKind.Aws => "AWS Nitro Enclaves Root G1",
            AttestationTrustRootKind.Emulator => "Emulator root — NOT AWS",
            _ => $"Custom root — NOT AWS ({root.Name})",
        };
    }

    /// <summary>One sentence on what a valid verdict under this root proves.</summary>
    public static string Meaning(AttestationTrustRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.Kind switch
        {
            AttestationTrustRootKind.Aws => "A valid document under this root was signed by a Nitro Secure Module on AWS hardware.",
            AttestationTrustRootKind.Emulator => "This is the in-process emulator's own CA: a valid document under it proves only that this dashboard's emulator signed it.",
            _ => "A root supplied by hand: a valid document under it proves only that this root's holder issued the signing certificate.",
        };
    }
}
