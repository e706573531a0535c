using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// The verifier's checks in their fixed order (docs/attestation-verification.md), each with a status icon, its evidence and,
/// on demand, its itemised details; failed checks show their details and failure reason from the start.
/// </summary>
public partial class VerificationChecksView
{
    private readonly HashSet<AttestationCheckId> _toggled = [];

    /// <summary>The verification to show.</summary>
    [Parameter, EditorRequired]
    public AttestationVerificationResult Result { get; set; } = default!;

    /// <summary>A short word for a status, as shown next to each check.</summary>
    public static string StatusText(AttestationCheckStatus status) => status switch
    {
        AttestationCheckStatus.Passed => "passed",
        AttestationCheckStatus.Failed => "FAILED",
        AttestationCheckStatus.NotApplicable => "not applicable",
        _ => "skipped",
    };

    /// <inheritdoc/>
    protected override void OnParametersSet() => _toggled.Clear();

    private static string StatusIcon(AttestationCheckStatus status) => status switch
    {
        AttestationCheckStatus.Passed => Icons.Material.Filled.CheckCircle,
        AttestationCheckStatus.Failed => Icons.Material.Filled.Cancel,
        AttestationCheckStatus.NotApplicable => Icons.Material.Outlined.RemoveCircleOutline,
        _ => Icons.Material.Outlined.NotInterested,
    };

    private static Color StatusColor(AttestationCheckStatus status) => status switch
    {
        AttestationCheckStatus.Passed => Color.Success,
        AttestationCheckStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    private static string StatusClass(AttestationCheckStatus status) => status switch
    {
        AttestationCheckStatus.Passed => "passed",
        AttestationCheckStatus.Failed => "failed",
        AttestationCheckStatus.NotApplicable => "na",
        _ => "skipped",
    };

    private static string? DetailClass(AttestationCheckDetail detail) => detail.Ok == false ? "detail-bad" : null;

    private int Count(AttestationCheckStatus status) => Result.Checks.Count(c => c.Status == status);

    // Failed checks start expanded, the others collapsed; a click flips either.
    private bool IsExpanded(AttestationCheck check) =>
        (check.Status == AttestationCheckStatus.Failed) ^ _toggled.Contains(check.Id);

    private void Toggle(AttestationCheck check)
    {
        if (!_toggled.Remove(check.Id))
        {
            _toggled.Add(check.Id);
        }
    }
}
