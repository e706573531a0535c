using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Overview;

/// <summary>
/// The module at a glance: how it is reached (device path, or emulated), DescribeNSM, and the boot
/// measurements (PCR0/1/2/3/4/8). Refreshed when a PCR changes anywhere.
/// </summary>
public sealed partial class OverviewPage : IDisposable
{
    // The PCRs nitro-cli and AWS document a meaning for (docs/pcrs.md#meanings).
    private static readonly ushort[] MeasuredIndices = [0, 1, 2, 3, 4, 8];

    private static readonly MarkupString RefreshIcon = StaticIcon.Svg(Icons.Material.Filled.Refresh);
    private static readonly MarkupString EmulatedIcon = StaticIcon.Svg(Icons.Material.Filled.Science, $"{MudClasses.IconMedium} {MudClasses.WarningText}");
    private static readonly MarkupString DeviceIcon = StaticIcon.Svg(Icons.Material.Filled.Memory, $"{MudClasses.IconMedium} {MudClasses.SuccessText}");
    private static readonly MarkupString ModuleIcon = StaticIcon.Svg(Icons.Material.Filled.Shield, $"{MudClasses.IconMedium} {MudClasses.PrimaryText}");
    private static readonly MarkupString MeasurementsIcon = StaticIcon.Svg(Icons.Material.Filled.Fingerprint, $"{MudClasses.IconMedium} {MudClasses.PrimaryText}");
    private static readonly MarkupString ArrowIcon = StaticIcon.Svg(Icons.Material.Filled.ArrowForward, MudClasses.IconSmall);
    private static readonly MarkupString EmulatedChip = new($"<div class=\"{MudClasses.ChipFilledWarningSmall}\"><span class=\"{MudClasses.ChipContent}\">EMULATED</span></div>");
    private static readonly MarkupString DeviceChip = new($"<div class=\"{MudClasses.ChipFilledSuccessSmall}\"><span class=\"{MudClasses.ChipContent}\">DEVICE</span></div>");

    private NsmSnapshot? _snapshot;
    private bool _loading;
    private NsmException? _error;
    private IDisposable? _subscription;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private PcrChangeNotifier Notifier { get; set; } = default!;

    /// <inheritdoc/>
    public void Dispose() => _subscription?.Dispose();

    /// <inheritdoc/>
    protected override async Task OnInitializedAsync()
    {
        _subscription = Notifier.Subscribe(change => _ = InvokeAsync(async () =>
        {
            if (_snapshot is null || change.Pcrs.Count == 0)
            {
                // The first read failed, or a lost answer left the PCRs unknown: read the module again.
                await LoadAsync();
            }
            else
            {
                _snapshot = _snapshot.With(change.Pcrs);
            }

            StateHasChanged();
        }));
        await LoadAsync();
    }

    private static IEnumerable<PcrState> MeasurementPcrs(NsmSnapshot snapshot) =>
        MeasuredIndices.Where(i => i < snapshot.Pcrs.Count).Select(i => snapshot.Pcrs[i]);

    private async Task LoadAsync()
    {
        _loading = true;
        _error = null;
        try
        {
            _snapshot = await State.GetSnapshotAsync();
        }
        catch (NsmException ex)
        {
            _error = ex;
        }
        finally
        {
            _loading = false;
        }
    }
}
