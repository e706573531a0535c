using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>The root a verification pinned.</summary>
/// <param name="Kind"><c>Aws</c>, <c>Emulator</c> or <c>Custom</c>.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Subject">Its subject distinguished name.</param>
/// <param name="Sha256">SHA-256 of its DER, hex: the pin.</param>
public sealed record TrustRootResponse(string Kind, string Name, string Subject, string Sha256)
{
    /// <summary>The response for a root.</summary>
    public static TrustRootResponse From(AttestationTrustRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new TrustRootResponse(root.Kind.ToString(), root.Name, root.Subject, root.Sha256);
    }
}
