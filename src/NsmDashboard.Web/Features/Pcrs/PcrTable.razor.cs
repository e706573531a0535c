using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Web.Components;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>
/// Every PCR in one table: index, meaning, value, lock badge and the Extend/Lock actions, which are
/// disabled on locked PCRs with the reason in their tooltip. The table only displays; the page owns the data.
/// </summary>
public partial class PcrTable
{
    // The PCRs whose full value is shown (HexValue's expanded state, for every row at once).
    private readonly HashSet<ushort> _expanded = [];

    /// <summary>The PCRs, by index.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<PcrState> Pcrs { get; set; } = [];

    /// <summary>PCR indices to highlight because they just changed.</summary>
    [Parameter]
    public IReadOnlySet<ushort> Changed { get; set; } = new HashSet<ushort>();

    /// <summary>Raised when Extend is clicked on an unlocked PCR.</summary>
    [Parameter]
    public EventCallback<PcrState> OnExtend { get; set; }

    /// <summary>Raised when Lock is clicked on an unlocked PCR.</summary>
    [Parameter]
    public EventCallback<PcrState> OnLock { get; set; }

    /// <summary>
    /// Why the signed-in user may not extend or lock at all (a Viewer, a read-only dashboard); when set, every
    /// action is disabled with this reason as its tooltip.
    /// </summary>
    [Parameter]
    public string? DeniedReason { get; set; }

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The tooltip of an action button: what it does, or why it is disabled.</summary>
    public static string ActionTitle(PcrState pcr, string action)
    {
        ArgumentNullException.ThrowIfNull(pcr);
        if (pcr.Locked)
        {
            return $"PCR{pcr.Index} is locked: it cannot be extended or locked again for the life of the enclave.";
        }

        return action == "Lock"
            ? $"Make PCR{pcr.Index} read-only for the life of the enclave"
            : $"Extend PCR{pcr.Index}: PCR ← SHA-384(PCR ‖ data)";
    }


    private void ToggleExpanded(ushort index)
    {
        if (!_expanded.Remove(index))
        {
            _expanded.Add(index);
        }
    }

    private Task CopyAsync(string label, string value) => HexValue.CopyAsync(Browser, Snackbar, label, value);
}
