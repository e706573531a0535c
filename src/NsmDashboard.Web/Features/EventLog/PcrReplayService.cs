using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// Replays the event log against the live PCRs: per PCR, ✓ explained or ✗ changed outside this dashboard, with
/// the point of divergence (<see cref="PcrReplay"/>). The log and the PCRs are read while no dashboard mutation is
/// in progress, so only changes made outside the dashboard can make them disagree.
/// </summary>
public sealed class PcrReplayService(PcrEventLog log, NsmStateService state, NsmOperations operations)
{
    /// <summary>Replays one PCR against its live value.</summary>
    /// <exception cref="NsmException">The NSM refused DescribePCR (InvalidIndex beyond max_pcrs) or failed.</exception>
    public async Task<PcrReplayResult> ReplayAsync(ushort index, CancellationToken cancellationToken = default)
    {
        var (snapshot, pcr) = await operations.ReadExclusiveAsync(
            async ct => (log.Snapshot(), await state.GetPcrAsync(index, ct).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
        return snapshot.Replay(index, pcr.Value, pcr.Locked);
    }

    /// <summary>Replays every PCR the NSM has (max_pcrs) against its live value, by index.</summary>
    /// <exception cref="NsmException">The NSM failed.</exception>
    public async Task<IReadOnlyList<PcrReplayResult>> ReplayAllAsync(CancellationToken cancellationToken = default)
    {
        var (snapshot, live) = await operations.ReadExclusiveAsync(
            async ct => (log.Snapshot(), await state.GetSnapshotAsync(ct).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
        return [.. live.Pcrs.Select(pcr => snapshot.Replay(pcr.Index, pcr.Value, pcr.Locked))];
    }
}
