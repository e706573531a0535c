using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// The certificate path leaf → cabundle (reversed) → root (docs/attestation-document.md#certificate-chain, docs/attestation-verification.md#chain-path): for each certificate its
/// subject, issuer, validity drawn against the document's timestamp and the validation time, SHA-256 fingerprint,
/// key and constraints, and whether the root is the pinned one.
/// </summary>
public partial class CertificateChainView
{
    /// <summary>The certificates, leaf first and root last (<see cref="AttestationVerificationResult.Certificates"/>).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<AttestationCertificateInfo> Certificates { get; set; } = [];

    /// <summary>The document's timestamp, drawn on every validity bar.</summary>
    [Parameter]
    public DateTimeOffset? DocumentTime { get; set; }

    /// <summary>The validation time, drawn on every validity bar.</summary>
    [Parameter, EditorRequired]
    public DateTimeOffset ValidationTime { get; set; }

    /// <summary>The pinned root, to mark whether the chain's root is it.</summary>
    [Parameter]
    public AttestationTrustRoot? TrustRoot { get; set; }

    /// <summary>The <c>CN</c> of a distinguished name, or the whole name when it has none.</summary>
    public static string CommonName(string distinguishedName)
    {
        ArgumentNullException.ThrowIfNull(distinguishedName);
        foreach (var part in distinguishedName.Split(", "))
        {
            if (part.StartsWith("CN=", StringComparison.Ordinal))
            {
                return part[3..];
            }
        }

        return distinguishedName;
    }

    private static string RoleText(AttestationCertificateRole role) => role switch
    {
        AttestationCertificateRole.Leaf => "Leaf",
        AttestationCertificateRole.Intermediate => "Intermediate",
        _ => "Root",
    };

    private static Color RoleColor(AttestationCertificateRole role) => role switch
    {
        AttestationCertificateRole.Leaf => Color.Primary,
        AttestationCertificateRole.Intermediate => Color.Default,
        _ => Color.Dark,
    };

    private static string Constraints(AttestationCertificateInfo certificate) => certificate switch
    {
        { IsCertificateAuthority: false } => "not a CA",
        { PathLengthConstraint: { } length } => string.Create(CultureInfo.InvariantCulture, $"CA, path length {length}"),
        _ => "CA, no path length limit",
    };
}
