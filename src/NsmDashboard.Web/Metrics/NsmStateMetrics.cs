using System.Diagnostics.Metrics;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// The module's state as a fleet watches it: whether it is emulated, which PCRs are locked
/// (<c>nsm_pcr_locked</c>) and which were changed outside this dashboard (<c>dashboard_pcr_changed_outside</c>),
/// by replaying the event log against the live PCRs with the Event log page's rule (<see cref="PcrReplay.Run"/>).
/// <see cref="RefreshAsync"/> reads the PCRs; the gauges report the latest reading.
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
