using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace NsmDashboard.Benchmarks.Soak;

/// <summary>
/// The dashboard runtime's own counters (the <c>System.Runtime</c> event counters dotnet-counters shows), read over
/// EventPipe from outside the process: managed heap size, cumulative GC pause time, GC counts, thread-pool threads.
/// Keeps the latest value of each; and, from the runtime's GC events, the longest single pause (execution suspended
/// until it restarts), which the cumulative counter cannot show.
/// </summary>
internal sealed class RuntimeCounters : IDisposable
{
    private readonly ConcurrentDictionary<string, double> _latest = new(StringComparer.Ordinal);
    private readonly EventPipeSession _session;
    private readonly Task _processing;
    private readonly Lock _pauseLock = new();
    private double _suspendedAtMs = double.NaN;
    private double _longestPauseMs;

    public RuntimeCounters(int pid, TimeSpan interval)
    {
        var client = new DiagnosticsClient(pid);
        var arguments = new Dictionary<string, string>
        {
            ["EventCounterIntervalSec"] = interval.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        };
        _session = client.StartEventPipeSession(
            [
                new EventPipeProvider("System.Runtime", EventLevel.Informational, 0, arguments),
                new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC),
            ],
            requestRundown: false);
        var source = new EventPipeEventSource(_session.EventStream);
        source.Dynamic.All += OnEvent;
        source.Clr.GCSuspendEEStart += OnSuspend;
        source.Clr.GCRestartEEStop += OnRestarted;
        _processing = Task.Run(() =>
        {
            try
            {
                source.Process();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
            {
                // The session ends when the dashboard exits or the run stops it.
            }
        });
    }

    /// <summary>The latest value of a counter (e.g. <c>gc-heap-size</c> in MB), or NaN before the first report.</summary>
    public double this[string name] => _latest.TryGetValue(name, out var value) ? value : double.NaN;

    /// <summary>The longest GC pause (ms) since the last call, 0 if none; resets it.</summary>
    public double TakeLongestPauseMs()
    {
        lock (_pauseLock)
        {
            var longest = _longestPauseMs;
            _longestPauseMs = 0;
            return longest;
        }
    }

    public void Dispose()
    {
        try
        {
            _session.Stop();
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException or InvalidOperationException)
        {
            // The dashboard is already gone.
        }

        _processing.Wait(TimeSpan.FromSeconds(5));
        _session.Dispose();
    }

    private void OnSuspend(GCSuspendEETraceData data)
    {
        lock (_pauseLock)
        {
            _suspendedAtMs = data.TimeStampRelativeMSec;
        }
    }

    private void OnRestarted(GCNoUserDataTraceData data)
    {
        lock (_pauseLock)
        {
            if (!double.IsNaN(_suspendedAtMs))
            {
                _longestPauseMs = Math.Max(_longestPauseMs, data.TimeStampRelativeMSec - _suspendedAtMs);
                _suspendedAtMs = double.NaN;
            }
        }
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.EventName != "EventCounters" || data.PayloadValue(0) is not IDictionary<string, object> outer
            || outer.TryGetValue("Payload", out var inner) is false || inner is not IDictionary<string, object> fields
            || !fields.TryGetValue("Name", out var name))
        {
            return;
        }

        // Mean for polling counters, Increment for incrementing ones (per interval).
        var value = fields.TryGetValue("Mean", out var mean) ? mean : fields.TryGetValue("Increment", out var increment) ? increment : null;
        if (value is not null)
        {
            _latest[(string)name] = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        }
    }
}
