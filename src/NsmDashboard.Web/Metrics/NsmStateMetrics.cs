using System.Diagnostics.Metrics;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// The module's state as a fleet watches it: whether it is emulated, which PCRs are locked
/// (<c>nsm_pcr_locked</c>) and which were changed outside this dashboard (<c>dashboard_pcr_changed_outside</c>),
/// by replaying the event log against the live PCRs exactly as the Event log page does
/// (<see cref="PcrEventLogSnapshot.Replay"/>). <see cref="RefreshAsync"/> reads the PCRs; the gauges report the
/// latest reading.
/// </summary>
/// <remarks>
/// <para>Cheap enough for every scrape: a refresh reads each PCR once (DescribePCR), skipping those already seen
/// locked — a lock lasts for the life of the enclave, so their value and lock can never change again — and runs at
/// most once per <see cref="MinimumRefreshInterval"/> however many scrapers ask (concurrent callers share one
/// refresh). DescribeNSM is read once, for max_pcrs. A PCR is replayed again only when its value, its lock, or its
/// part of the log changed. The reads go through the instrumented client, so they count in <c>nsm_calls_total</c>.</para>
/// <para>The PCRs and the log are read while no dashboard mutation runs (<see cref="NsmOperations.ReadExclusiveAsync"/>),
/// so only a change made outside the dashboard can make them disagree. When a refresh fails (the NSM refuses or the
/// device fails) the gauges keep the last reading and <c>dashboard_pcr_replay_timestamp_seconds</c> stops moving.</para>
/// </remarks>
public sealed partial class NsmStateMetrics
{
    /// <summary>Refreshes closer together than this reuse the last reading.</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary><c>nsm_pcr_locked{pcr}</c>: 1 when the PCR is locked, else 0.</summary>
    public const string PcrLockedInstrument = "pcr_locked";

    /// <summary><c>nsm_emulated</c>: 1 when the dashboard talks to the in-process emulator instead of <c>/dev/nsm</c>.</summary>
    public const string EmulatedInstrument = "emulated";

    /// <summary><c>dashboard_pcr_changed_outside{pcr}</c>: 1 when the event log does not explain the PCR's value.</summary>
    public const string ChangedOutsideInstrument = "pcr_changed_outside";

    /// <summary><c>dashboard_pcr_replay_timestamp_seconds</c>: when the PCRs were last read and replayed (Unix time).</summary>
    public const string ReplayTimestampInstrument = "pcr_replay_timestamp_seconds";

    /// <summary>The label naming the PCR index (<c>"0"</c>…<c>"31"</c>).</summary>
    public const string PcrTag = "pcr";

    private readonly PcrEventLog _log;
    private readonly NsmStateService _state;
    private readonly NsmOperations _operations;
    private readonly TimeProvider _time;
    private readonly ILogger<NsmStateMetrics> _logger;
    private readonly Lock _gate = new();
    private Task? _refresh;
    private long _lastStart = long.MinValue;
    private ushort? _maxPcrs;

    // Written only by the one running refresh; the gauges read the reference.
    private PcrReading[] _readings = [];
    private long _replayedAtMilliseconds;

    /// <summary>Creates the instruments on the meters of <paramref name="meterFactory"/>.</summary>
    public NsmStateMetrics(
        IMeterFactory meterFactory,
        PcrEventLog log,
        NsmStateService state,
        NsmOperations operations,
        TimeProvider time,
        ILogger<NsmStateMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _log = log;
        _state = state;
        _operations = operations;
        _time = time;
        _logger = logger;

        var nsm = meterFactory.Create(NsmMetrics.MeterName);
        nsm.CreateObservableGauge(EmulatedInstrument, () => _state.IsEmulated ? 1 : 0,
            description: "1 when the dashboard talks to its in-process emulator instead of /dev/nsm: nothing it shows is attested by AWS.");
        nsm.CreateObservableGauge(PcrLockedInstrument, () => Measure(static r => r.Pcr.Locked),
            description: "1 when the PCR is locked (read-only for the life of the enclave), else 0.");

        var dashboard = meterFactory.Create(DashboardMetrics.MeterName);
        dashboard.CreateObservableGauge(ChangedOutsideInstrument, () => Measure(static r => r.Verdict == PcrReplayVerdict.ChangedOutside),
            description: "1 when replaying the event log does not lead to the PCR's value: something extended it outside this dashboard.");
        dashboard.CreateObservableGauge(ReplayTimestampInstrument, ReplayTimestamp, "s",
            "When the PCRs were last read and replayed against the event log (Unix time).");
    }

    /// <summary>The latest reading: each PCR and its replay verdict, by index; empty before the first refresh.</summary>
    public IReadOnlyList<PcrReading> Readings => Volatile.Read(ref _readings);

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

        var readings = new PcrReading[pcrs.Length];
        for (ushort i = 0; i < pcrs.Length; i++)
        {
            var history = new PcrHistory(entries[i], lastSequence[i], log.Gaps.TryGetValue(i, out var gap) ? gap : null);
            readings[i] = i < previous.Length && previous[i].Pcr.Equals(pcrs[i]) && previous[i].History == history
                ? previous[i]
                : new PcrReading(pcrs[i], history, log.Replay(i, pcrs[i].Value, pcrs[i].Locked).Verdict);
        }

        return readings;
    }

    private IEnumerable<Measurement<int>> Measure(Func<PcrReading, bool> predicate)
    {
        foreach (var reading in Volatile.Read(ref _readings))
        {
            yield return new Measurement<int>(predicate(reading) ? 1 : 0, new KeyValuePair<string, object?>(PcrTag, PcrLabel(reading.Pcr.Index)));
        }
    }

    private IEnumerable<Measurement<double>> ReplayTimestamp()
    {
        if (Volatile.Read(ref _replayedAtMilliseconds) is > 0 and var at)
        {
            yield return new Measurement<double>(at / 1000d);
        }
    }

    private static string PcrLabel(ushort index) =>
        index < PcrLabels.Length ? PcrLabels[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] PcrLabels =
        [.. Enumerable.Range(0, 32).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the PCRs for /metrics failed ({ErrorCode}): {Reason}; the PCR gauges keep the last reading.")]
    private partial void LogRefreshFailed(Nsm.Protocol.NsmErrorCode errorCode, string reason);
}

/// <summary>One PCR as the last refresh read it, with what the event log says about it.</summary>
/// <param name="Pcr">The PCR (index, lock, value).</param>
/// <param name="History">What the replay depended on, to tell whether it must run again.</param>
/// <param name="Verdict">The replay's verdict.</param>
public sealed record PcrReading(PcrState Pcr, PcrHistory History, PcrReplayVerdict Verdict);

/// <summary>The part of the event log one PCR's replay depends on.</summary>
/// <param name="Entries">How many entries the log has for the PCR.</param>
/// <param name="LastSequence">The sequence number of the last of them (0 without any).</param>
/// <param name="MissingThrough">The last sequence number of its history the log lost, if any.</param>
public readonly record struct PcrHistory(int Entries, long LastSequence, long? MissingThrough);
