using System.Globalization;
using System.Text;

namespace NsmDashboard.Benchmarks.Soak;

/// <summary>The verdict of a soak run and its tables (markdown), from the samples and the recorded requests.</summary>
internal sealed record SoakReport(bool Passed, string Markdown)
{
    /// <summary>Fewer requests than this in a third of the run make its p99 meaningless (it is then the worst one or two).</summary>
    private const int MinimumForPercentile = 50;

    public static SoakReport Create(SoakOptions options, IReadOnlyList<SoakSample> samples, LatencyRecorder recorder, IReadOnlyList<string> lostCircuits, int openedCircuits)
    {
        var text = new StringBuilder();
        var checks = new List<(string What, string Result, bool Ok)>();
        var end = samples.Count == 0 ? 0 : samples[^1].Seconds;
        var third = end / 3;

        // The warm-up ends at the later of its configured length and the first sample with the audit trail and the event
        // log full: until then RSS grows with the stores by design, not by a leak. RSS after warm-up: the median of the
        // first three samples after it against the median of the last three.
        var storesFull = samples.FirstOrDefault(s => s.AuditCapacity > 0 && s.AuditEntries >= s.AuditCapacity
            && s.EventLogCapacity > 0 && s.EventLogEntries >= s.EventLogCapacity)?.Seconds;
        var warmUpEnd = Math.Max(options.WarmUp.TotalSeconds, storesFull ?? 0);
        var afterWarmUp = samples.Where(s => s.Seconds >= warmUpEnd).ToArray();
        var baseline = Median(afterWarmUp.Take(3).Select(s => s.RssMb));
        var final = Median(afterWarmUp.TakeLast(3).Select(s => s.RssMb));
        var growth = (final - baseline) / baseline;
        var warmUpText = storesFull is null
            ? F($"warm-up {TimeSpan.FromSeconds(warmUpEnd):hh\\:mm\\:ss}, stores never full")
            : F($"warm-up to {TimeSpan.FromSeconds(warmUpEnd):hh\\:mm\\:ss} (stores full at {TimeSpan.FromSeconds(storesFull.Value):hh\\:mm\\:ss})");
        checks.Add(("RSS growth after warm-up < 10 %", F($"{baseline:F1} → {final:F1} MB ({growth:+0.0%;-0.0%}); max {Max(samples, s => s.RssMb):F1} MB; {warmUpText}"),
            afterWarmUp.Length >= 6 && growth < 0.10));

        var failures = recorder.FailureCount;
        checks.Add(("failed requests (other than the intended 429s) = 0", F($"{failures} failed; {recorder.IntendedRefusals} intended 429s"), failures == 0));
        checks.Add(("circuits held for the whole run", F($"{openedCircuits} of {options.Circuits} opened; {lostCircuits.Count} lost; server's open gauge {Min(samples, s => s.CircuitsOpen)}–{Max(samples, s => s.CircuitsOpen)}"),
            openedCircuits == options.Circuits && lostCircuits.Count == 0));

        foreach (var routeClass in LatencyRecorder.Classes.Where(c => recorder.Count(c) > 0))
        {
            var what = F($"latency flat: {routeClass} p99 of the last third ≤ max({options.FlatFactor}× first, first + {options.FlatSlack.TotalMilliseconds} ms)");
            var (firstCount, lastCount) = (recorder.CountBetween(routeClass, 0, third), recorder.CountBetween(routeClass, 2 * third, double.MaxValue));
            if (Math.Min(firstCount, lastCount) < MinimumForPercentile)
            {
                // A p99 of a handful of requests is one request: not a trend.
                checks.Add((what, F($"not judged: {firstCount} and {lastCount} requests in the thirds (< {MinimumForPercentile})"), true));
                continue;
            }

            var first = recorder.Percentile(routeClass, 99, 0, third);
            var last = recorder.Percentile(routeClass, 99, 2 * third, double.MaxValue);
            var allowed = Math.Max(options.FlatFactor * first, first + options.FlatSlack.TotalMilliseconds);
            checks.Add((what, F($"{first:F1} → {last:F1} ms (allowed {allowed:F1})"), last <= allowed));
        }

        checks.Add(Bound("audit trail entries", samples, s => s.AuditEntries, s => s.AuditCapacity));
        checks.Add(Bound("event log entries", samples, s => s.EventLogEntries, s => s.EventLogCapacity));
        checks.Add(Bound("event log data bytes", samples, s => (int)Math.Min(int.MaxValue, s.EventLogDataBytes), _ => (int)Math.Min(int.MaxValue, options.EventLogMaxDataBytes)));
        checks.Add(Bound("expected-measurement sets", samples, s => s.MeasurementSets, _ => 64));
        checks.Add(Bound("imported event log (bytes of the one kept)", samples, s => s.ImportBytes, _ => 64 * 1024));
        checks.Add(Bound("circuits open (connected + retained)", samples, s => s.CircuitsOpen, _ => options.Circuits + options.RetainedCircuitBound));

        var passed = checks.All(c => c.Ok);
        text.AppendLine(F($"## Soak: {TimeSpan.FromSeconds(end):hh\\:mm\\:ss}, {options.Circuits} circuits — {(passed ? "PASS" : "FAIL")}"));
        text.AppendLine();
        text.AppendLine("| criterion | result | |");
        text.AppendLine("|---|---|---|");
        foreach (var (what, result, ok) in checks)
        {
            text.AppendLine(F($"| {what} | {result} | {(ok ? "✓" : "✗")} |"));
        }

        text.AppendLine();
        text.AppendLine("| route class | requests | p50 first third | p99 first third | p50 last third | p99 last third |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var routeClass in LatencyRecorder.Classes.Where(c => recorder.Count(c) > 0))
        {
            text.AppendLine(F($"| {routeClass} | {recorder.Count(routeClass)} | {recorder.Percentile(routeClass, 50, 0, third):F1} ms | {recorder.Percentile(routeClass, 99, 0, third):F1} ms | {recorder.Percentile(routeClass, 50, 2 * third, double.MaxValue):F1} ms | {recorder.Percentile(routeClass, 99, 2 * third, double.MaxValue):F1} ms |"));
        }

        // p50/p99 per sixth of the run, to show whether latency stays flat (or drifts) over time.
        const int Parts = 6;
        var part = end / Parts;
        text.AppendLine();
        text.Append("| p50 / p99 (ms) |");
        for (var i = 0; i < Parts; i++)
        {
            text.Append(F($" {TimeSpan.FromSeconds(i * part):hh\\:mm}–{TimeSpan.FromSeconds((i + 1) * part):hh\\:mm} |"));
        }

        text.AppendLine();
        text.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", Parts)));
        foreach (var routeClass in LatencyRecorder.Classes.Where(c => recorder.Count(c) > 0))
        {
            text.Append(F($"| {routeClass} |"));
            for (var i = 0; i < Parts; i++)
            {
                var to = i == Parts - 1 ? double.MaxValue : (i + 1) * part;
                text.Append(F($" {recorder.Percentile(routeClass, 50, i * part, to):F0} / {recorder.Percentile(routeClass, 99, i * part, to):F0} |"));
            }

            text.AppendLine();
        }

        text.AppendLine();
        text.AppendLine("| resource | after warm-up | end | min | max |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        AppendResource(text, "RSS (MB)", afterWarmUp, samples, s => s.RssMb);
        AppendResource(text, "managed heap (MB, gc-heap-size)", afterWarmUp, samples, s => s.HeapMb);
        AppendResource(text, "threads (/proc)", afterWarmUp, samples, s => s.Threads);
        AppendResource(text, "thread-pool threads", afterWarmUp, samples, s => s.ThreadPoolThreads);
        AppendResource(text, "GC pause per 10-s sample (ms)", afterWarmUp, samples, s => s.GcPauseMs);
        // total-pause-time-by-gc arrives per interval (an incrementing counter): the pause since warm-up is their sum.
        var pause = afterWarmUp.Where(s => !double.IsNaN(s.GcPauseMs)).Sum(s => s.GcPauseMs);
        text.AppendLine(F($"| GC pause since warm-up (ms, total-pause-time-by-gc summed) | | {pause:F0} ({pause / Math.Max(1, (end - warmUpEnd) / 60):F1} per minute, {pause / Math.Max(1, (end - warmUpEnd) * 1000):P1} of the time) | | |"));
        var longest = afterWarmUp.Length == 0 ? double.NaN : afterWarmUp.Max(s => s.GcLongestPauseMs);
        text.AppendLine(F($"| longest single GC pause after warm-up (ms, GC suspend → restart events) | | {longest:F1} (whole run {Max(samples, s => s.GcLongestPauseMs):F1}) | | |"));
        text.AppendLine(F($"| gen-2 collections since warm-up | | {afterWarmUp.Where(s => !double.IsNaN(s.Gen2Collections)).Sum(s => s.Gen2Collections):F0} (gen-2-gc-count is per interval: summed) | | |"));
        text.AppendLine(F($"| render batches acknowledged by the circuits | | {(samples.Count > 0 ? samples[^1].RenderBatches : 0)} | | |"));

        if (recorder.FirstFailures() is { Count: > 0 } first5)
        {
            text.AppendLine();
            text.AppendLine("First failures:");
            foreach (var failure in first5)
            {
                text.AppendLine($"- {failure}");
            }
        }

        if (lostCircuits.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Lost circuits:");
            foreach (var lost in lostCircuits.Take(10))
            {
                text.AppendLine($"- {lost}");
            }
        }

        return new SoakReport(passed, text.ToString());
    }

    public static string Csv(IReadOnlyList<SoakSample> samples)
    {
        var text = new StringBuilder("seconds,rss_mb,heap_mb,gc_pause_ms,gc_longest_pause_ms,gen2,threads,threadpool,circuits_open,circuits_connected,client_circuits,render_batches,failures,intended_429,audit,audit_cap,eventlog,eventlog_cap,eventlog_data_bytes,measurement_sets,import_bytes");
        foreach (var routeClass in LatencyRecorder.Classes)
        {
            text.Append(F($",{routeClass}_p50_ms,{routeClass}_p99_ms"));
        }

        text.AppendLine();
        foreach (var s in samples)
        {
            text.Append(F($"{s.Seconds:F0},{s.RssMb:F1},{s.HeapMb:F1},{s.GcPauseMs:F0},{s.GcLongestPauseMs:F1},{s.Gen2Collections},{s.Threads},{s.ThreadPoolThreads},{s.CircuitsOpen},{s.CircuitsConnected},{s.ClientCircuitsAlive},{s.RenderBatches},{s.Failures},{s.IntendedRefusals},{s.AuditEntries},{s.AuditCapacity},{s.EventLogEntries},{s.EventLogCapacity},{s.EventLogDataBytes},{s.MeasurementSets},{s.ImportBytes}"));
            foreach (var routeClass in LatencyRecorder.Classes)
            {
                var (p50, p99) = s.Latency.GetValueOrDefault(routeClass, (double.NaN, double.NaN));
                text.Append(F($",{p50:F1},{p99:F1}"));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static (string, string, bool) Bound(string what, IReadOnlyList<SoakSample> samples, Func<SoakSample, int> size, Func<SoakSample, int> bound)
    {
        var read = samples.Where(s => size(s) >= 0 && bound(s) >= 0).ToArray();
        var worst = read.Length == 0 ? null : read.MaxBy(s => size(s) - (double)bound(s));
        var ok = read.Length == samples.Count && read.All(s => size(s) <= bound(s));
        return (F($"{what} ≤ bound at every sample"), worst is null ? "not read" : F($"max {read.Max(size)} / {bound(worst)} ({samples.Count - read.Length} samples unread)"), ok);
    }

    private static void AppendResource(StringBuilder text, string name, SoakSample[] afterWarmUp, IReadOnlyList<SoakSample> samples, Func<SoakSample, double> value) =>
        text.AppendLine(F($"| {name} | {(afterWarmUp.Length > 0 ? value(afterWarmUp[0]) : double.NaN):F1} | {(samples.Count > 0 ? value(samples[^1]) : double.NaN):F1} | {Min(samples, value):F1} | {Max(samples, value):F1} |"));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private static double Max(IReadOnlyList<SoakSample> samples, Func<SoakSample, double> value) => samples.Count == 0 ? double.NaN : samples.Max(value);

    private static double Min(IReadOnlyList<SoakSample> samples, Func<SoakSample, double> value) => samples.Count == 0 ? double.NaN : samples.Min(value);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
