using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Metrics;

/// <summary>Reading the PCRs and replaying the event log against them, at most once a second.</summary>
public sealed partial class NsmStateMetrics
{
    /// <summary>
    /// Reads the PCRs and replays the log, unless a refresh ran less than <see cref="MinimumRefreshInterval"/> ago;
    /// joins a refresh already running. Never throws for an NSM failure (it is logged and counted by the NSM metrics).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the refresh itself runs to its end for the others).</param>
    public Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        Task refresh;
        lock (_gate)
        {
            if (_refresh is { IsCompleted: false } running)
            {
                refresh = running;
            }
            else if (_lastStart != long.MinValue && _time.GetElapsedTime(_lastStart) < MinimumRefreshInterval)
            {
                return Task.CompletedTask;
            }
            else
            {
                _lastStart = _time.GetTimestamp();
                refresh = _refresh = Task.Run(RefreshCoreAsync, CancellationToken.None);
            }
        }

        return refresh.WaitAsync(cancellationToken);
    }

    private async Task RefreshCoreAsync()
    {
        try
        {
            var previous = Volatile.Read(ref _readings);
            var (snapshot, pcrs) = await _operations.ReadExclusiveAsync(ct => ReadAsync(previous, ct)).ConfigureAwait(false);
            var readings = Replay(snapshot, pcrs, previous);
            Volatile.Write(ref _readings, readings);
            Volatile.Write(ref _replayedAtMilliseconds, _time.GetUtcNow().ToUnixTimeMilliseconds());
        }
        catch (NsmException ex)
        {
            LogRefreshFailed(ex.ErrorCode, ex.Message);
        }
    }

    private async Task<(PcrEventLogSnapshot Log, PcrState[] Pcrs)> ReadAsync(PcrReading[] previous, CancellationToken cancellationToken)
    {
        _maxPcrs ??= (await _state.DescribeAsync(cancellationToken).ConfigureAwait(false)).MaxPcrs;
        var pcrs = new PcrState[_maxPcrs.Value];
        for (ushort i = 0; i < pcrs.Length; i++)
        {
            pcrs[i] = i < previous.Length && previous[i].Pcr.Locked
                ? previous[i].Pcr
                : await _state.GetPcrAsync(i, cancellationToken).ConfigureAwait(false);
        }

        return (_log.Snapshot(), pcrs);
    }

    // Replays the PCRs whose value, lock or history changed since the last reading; the others keep their verdict.
    // The log is walked twice at most (counts, then the entries of the PCRs to replay), not once per PCR.
    private static PcrReading[] Replay(PcrEventLogSnapshot log, PcrState[] pcrs, PcrReading[] previous)
    {
        var entries = new int[pcrs.Length];
        var lastSequence = new long[pcrs.Length];
        foreach (var entry in log.Entries)
        {
            if (entry.Index < pcrs.Length)
            {
                entries[entry.Index]++;
                lastSequence[entry.Index] = entry.Sequence;
            }
        }

        var readings = new PcrReading?[pcrs.Length];
        var histories = new PcrHistory[pcrs.Length];
        var toReplay = new List<PcrEventLogEntry>?[pcrs.Length];
        var any = false;
        for (var i = 0; i < pcrs.Length; i++)
        {
            histories[i] = new PcrHistory(entries[i], lastSequence[i], log.Gaps.TryGetValue((ushort)i, out var gap) ? gap : null);
            if (i < previous.Length && previous[i].Pcr.Equals(pcrs[i]) && previous[i].History == histories[i])
            {
                readings[i] = previous[i];
            }
            else
            {
                toReplay[i] = new List<PcrEventLogEntry>(entries[i]);
                any = true;
            }
        }

        if (any)
        {
            foreach (var entry in log.Entries)
            {
                if (entry.Index < pcrs.Length)
                {
                    toReplay[entry.Index]?.Add(entry);
                }
            }
        }

        return [.. readings.Select((reading, i) => reading ?? new PcrReading(
            pcrs[i],
            histories[i],
            PcrReplay.Run(pcrs[i].Index, toReplay[i]!, histories[i].MissingThrough, pcrs[i].Value, pcrs[i].Locked).Verdict))];
    }
}
