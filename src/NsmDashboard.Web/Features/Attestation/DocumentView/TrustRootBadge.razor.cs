using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// The root a document was pinned to: its label (AWS, or "Emulator root — NOT AWS", or a custom root) and the
/// SHA-256 of its DER, the pin an operator can compare with docs/attestation-document.md#aws-root.
/// </summary>
public partial class TrustRootBadge
{
    /// <summary>The root.</summary>
    [Parameter, EditorRequired]
    public AttestationTrustRoot Root { get; set; } = default!;

    /// <summary>Add a sentence on what a valid verdict under this root proves.</summary>
    [Parameter]
    public bool ShowMeaning { get; set; }

    private string Icon => Root.Kind switch
    {
        AttestationTrustRootKind.Aws => Icons.Material.Filled.VerifiedUser,
        AttestationTrustRootKind.Emulator => Icons.Material.Filled.Science,
        _ => Icons.Material.Filled.Key,
    };
}
