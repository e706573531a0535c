using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>
/// All PCRs with their lock state, and the Extend / Lock / Lock range actions. Changes made anywhere
/// (this tab, another operator, the API) arrive through <see cref="PcrChangeNotifier"/>; the page never polls. After a
/// failure of the device the error alert reads the PCRs again once the NSM answers (<see cref="NsmRecoveryProbe"/>).
/// </summary>
public sealed partial class PcrsPage : IDisposable
{
    private static readonly DialogOptions DialogOptions = new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        CloseButton = true,
        BackdropClick = false,
    };

    private static readonly MarkupString RefreshIcon = ButtonIcon(Icons.Material.Filled.Refresh);
    private static readonly MarkupString LockRangeIcon = ButtonIcon(Icons.Material.Filled.EnhancedEncryption);

    private NsmSnapshot? _snapshot;
    private IReadOnlySet<ushort> _changed = new HashSet<ushort>();
    private bool _loading;
    private NsmException? _error;
    private string _errorAction = "Reading the PCRs";
    private IDisposable? _subscription;
    private string? _deniedReason;
    private Snackbar? _changeMessage;

    /// <summary>The tab's sign-in; when it changes (the session ended), the page renders again with what the role now allows.</summary>
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private PcrChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    [Inject]
    private NsmOperations Operations { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <inheritdoc/>
    public void Dispose() => _subscription?.Dispose();

    /// <inheritdoc/>
    protected override void OnParametersSet() =>
        // The same check NsmOperations makes, so that what the role may not do is disabled with the reason shown; again
        // whenever the sign-in changes.
        _deniedReason = Operations.WhyDenied(Session.Caller, NsmOperationKind.ExtendPcr);

    /// <inheritdoc/>
    protected override async Task OnInitializedAsync()
    {
        _subscription = Notifier.Subscribe(change => _ = InvokeAsync(() => ApplyAsync(change)));
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _error = null;
        try
        {
            _snapshot = await State.GetSnapshotAsync();
            _changed = new HashSet<ushort>();
        }
        catch (NsmException ex)
        {
            _errorAction = "Reading the PCRs";
            _error = ex;
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task ApplyAsync(PcrChange change)
    {
        if (_snapshot is null || change.Pcrs.Count == 0)
        {
            // Nothing to patch (the first read failed), or a lost answer whose PCRs could not even be read back: read
            // them all; if the NSM still fails, the error alert retries once it answers again.
            await LoadAsync();
            StateHasChanged();
            return;
        }

        _snapshot = _snapshot.With(change.Pcrs);
        _changed = change.Pcrs.Select(p => p.Index).ToHashSet();
        if (change.Caller != Session.Caller)
        {
            // One message about others' changes at a time, the latest: a script extending in a loop changes PCRs faster
            // than messages expire, and the snackbar service keeps every message it cannot show yet, without a limit
            // (a soak run with 200 tabs open grew by hundreds of MB an hour). The table marks what changed.
            if (_changeMessage is not null)
            {
                Snackbar.Remove(_changeMessage);
            }

            _changeMessage = Snackbar.Add(ChangeText.Describe(change), Severity.Info);
        }

        StateHasChanged();
    }

    private void DismissError() => _error = null;

    private async Task OpenExtendAsync(PcrState pcr)
    {
        var parameters = new DialogParameters<ExtendPcrDialog>
        {
            { d => d.Pcr, pcr },
            { d => d.Digest, _snapshot?.Module.Digest ?? NsmDigest.Sha384 },
        };
        await Dialogs.ShowAsync<ExtendPcrDialog>($"Extend PCR{pcr.Index}", parameters, DialogOptions);
    }

    private async Task OpenLockAsync(PcrState pcr)
    {
        var parameters = new DialogParameters<LockPcrDialog> { { d => d.Pcr, pcr } };
        var dialog = await Dialogs.ShowAsync<LockPcrDialog>($"Lock PCR{pcr.Index}", parameters, DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: PcrState locked })
        {
            Snackbar.Add($"PCR{locked.Index} is locked for the life of the enclave.", Severity.Success);
        }
    }

    private async Task OpenLockRangeAsync()
    {
        if (_snapshot is not { } snapshot)
        {
            return;
        }

        var parameters = new DialogParameters<LockRangeDialog>
        {
            { d => d.Pcrs, snapshot.Pcrs },
            { d => d.MaxPcrs, (int)snapshot.Module.MaxPcrs },
        };
        var dialog = await Dialogs.ShowAsync<LockRangeDialog>("Lock a range of PCRs", parameters, DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: IReadOnlyList<PcrState> locked })
        {
            Snackbar.Add($"PCR0–PCR{locked.Count - 1} are locked for the life of the enclave.", Severity.Success);
        }
    }

    // MudButton's start icon (medium).
    private static MarkupString ButtonIcon(string icon) =>
        new($"<span class=\"{MudClasses.ButtonStartIcon}\">{StaticIcon.Svg(icon)}</span>");
}
