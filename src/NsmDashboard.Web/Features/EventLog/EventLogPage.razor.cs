using Microsoft.AspNetCore.Components;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// The PCR event log: every extend made through the dashboard, and per PCR the replay verdict (✓ explained, ✗ changed
/// outside this dashboard with the point of divergence). Changes made through the dashboard refresh it at once;
/// changes made outside it reach the NSM unseen, so "Replay now" reads the PCRs again.
/// </summary>
public sealed partial class EventLogPage : IDisposable
{
    /// <summary>
    /// How many entries the table shows (the newest); the export holds all of them. Each row holds a few hex
    /// components, and a circuit's memory counts inside an enclave.
    /// </summary>
    public const int MaxShownEntries = 100;

    private PcrEventLogSnapshot _log = PcrEventLogSnapshot.Empty;
    private IReadOnlyList<PcrReplayResult> _replays = [];
    private bool _loading;
    private NsmException? _error;
    private IDisposable? _subscription;

    [Inject]
    private PcrEventLog Log { get; set; } = default!;

    [Inject]
    private PcrReplayService Replay { get; set; } = default!;

    [Inject]
    private PcrChangeNotifier Notifier { get; set; } = default!;

    // PCRs worth a row: touched by the log, or not explained. Untouched boot PCRs and zero PCRs are summed up below.
    private IReadOnlyList<PcrReplayResult> ShownReplays =>
        [.. _replays.Where(r => r.EntryCount > 0 || !r.Explained || (r.Verdict == PcrReplayVerdict.Explained && r.Actual is { } live && live.Span.ContainsAnyExcept((byte)0)))];

    /// <inheritdoc/>
    public void Dispose() => _subscription?.Dispose();

    /// <inheritdoc/>
    protected override async Task OnInitializedAsync()
    {
        _subscription = Notifier.Subscribe(change => _ = InvokeAsync(async () =>
        {
            await RefreshAsync();
            StateHasChanged();
        }));
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        _loading = true;
        _error = null;
        try
        {
            _replays = await Replay.ReplayAllAsync();
            _log = Log.Snapshot();
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
