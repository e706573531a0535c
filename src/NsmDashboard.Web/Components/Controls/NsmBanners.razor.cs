using Microsoft.AspNetCore.Components;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Components.Controls;

/// <summary>
/// The banners shown above every page: READ-ONLY when a device runs with no operators configured, EMULATED when the NSM is the emulator, and DEBUG MODE when
/// PCR0/1/2 read zero (docs/pcrs.md#debug-mode). Those PCRs are locked from boot, so one read per circuit suffices.
/// </summary>
public sealed partial class NsmBanners
{
    private static readonly MarkupString EmulatedIcon = StaticIcon.Svg(MudBlazor.Icons.Material.Filled.Science);
    private static readonly MarkupString ReadOnlyIcon = StaticIcon.Svg(MudBlazor.Icons.Material.Filled.LockPerson);
    private static readonly MarkupString DebugIcon = StaticIcon.Svg(MudBlazor.Icons.Material.Filled.BugReport);

    private bool _debugMode;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private NsmAccessPolicy Access { get; set; } = default!;

    [Inject]
    private ILogger<NsmBanners> Logger { get; set; } = default!;

    /// <inheritdoc/>
    protected override async Task OnInitializedAsync()
    {
        try
        {
            _debugMode = await State.IsDebugModeAsync();
        }
        catch (NsmException ex)
        {
            // The page below reports NSM failures with their codes; the banner just stays hidden.
            LogDebugCheckFailed(Logger, ex.ErrorCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Debug-mode check failed: {ErrorCode}.")]
    private static partial void LogDebugCheckFailed(ILogger logger, NsmErrorCode errorCode);
}
