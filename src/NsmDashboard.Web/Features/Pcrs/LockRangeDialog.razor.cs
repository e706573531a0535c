using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>
/// LockPCRs{range}: locks PCRs <c>[0, range)</c> after the operator types <c>LOCK 0-N</c> (N = range − 1).
/// Shows which PCRs the lock changes. Closes with the PCRs of the range as they are afterwards.
/// </summary>
public partial class LockRangeDialog
{
    private int _range;
    private string? _typed;
    private bool _busy;
    private NsmException? _error;

    /// <summary>The PCRs as last read (for the newly/already locked summary).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<PcrState> Pcrs { get; set; } = [];

    /// <summary>The module's PCR count (DescribeNSM <c>max_pcrs</c>).</summary>
    [Parameter]
    public int MaxPcrs { get; set; } = NsmLimits.PcrCount;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private NsmOperations Operations { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    /// <summary>The chosen range (the LockPCRs argument).</summary>
    public int Range => _range;

    /// <summary>The last PCR the lock covers.</summary>
    public int LastIndex => Math.Max(0, _range - 1);

    /// <summary>The text that must be typed: <c>LOCK 0-N</c>.</summary>
    public string Expected => string.Create(CultureInfo.InvariantCulture, $"LOCK 0-{LastIndex}");

    /// <summary>Whether the range is valid and the typed text matches <see cref="Expected"/>.</summary>
    public bool Confirmed =>
        _range >= 1 && _range <= MaxPcrs
        && string.Equals(_typed?.Trim(), Expected, StringComparison.Ordinal);

    private IEnumerable<ushort> NewlyLocked => Pcrs.Where(p => p.Index < _range && !p.Locked).Select(p => p.Index);

    private IEnumerable<ushort> AlreadyLocked => Pcrs.Where(p => p.Index < _range && p.Locked).Select(p => p.Index);

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        // Start with the smallest range that locks something new: up to the first unlocked PCR.
        var firstUnlocked = Pcrs.FirstOrDefault(p => !p.Locked);
        _range = Math.Clamp(firstUnlocked is null ? MaxPcrs : firstUnlocked.Index + 1, 1, Math.Max(1, MaxPcrs));
    }

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
            var locked = await Operations.LockPcrsAsync((ushort)_range, Session.Caller);
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
