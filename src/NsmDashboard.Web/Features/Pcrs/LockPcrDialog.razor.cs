using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>
/// Locks one PCR after the operator types its number: a lock lasts for the life of the enclave and the
/// NSM has no unlock (docs/pcrs.md#locks). Closes with the locked <see cref="PcrState"/>.
/// </summary>
public partial class LockPcrDialog
{
    private string? _typed;
    private bool _busy;
    private NsmException? _error;

    /// <summary>The PCR to lock.</summary>
    [Parameter, EditorRequired]
    public PcrState Pcr { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private NsmOperations Operations { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    /// <summary>The text that must be typed: the PCR number.</summary>
    public string Expected => Pcr.Index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the typed text matches <see cref="Expected"/>.</summary>
    public bool Confirmed => string.Equals(_typed?.Trim(), Expected, StringComparison.Ordinal);

    private async Task LockAsync()
    {
        if (!Confirmed)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            var locked = await Operations.LockPcrAsync(Pcr.Index, Session.Caller);
            Dialog.Close(DialogResult.Ok(locked));
        }
        catch (NsmException ex)
        {
            _error = ex;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
