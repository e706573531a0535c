using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NsmDashboard.Benchmarks.Soak;

/// <summary>
/// A soak run against a running dashboard (soak/soak.sh starts one and calls this): opens the circuits, runs the API
/// load for the duration, samples every interval, then writes samples.csv and report.md and prints the report.
/// Exit code 0 when every pass criterion holds, 1 otherwise, 2 for bad arguments.
/// </summary>
internal static partial class SoakRun
{
    // Where the circuits are: mostly pages that re-render on every PCR change, as an operator's open tabs would be.
    private static readonly (string Page, double Share)[] Pages =
        [("pcrs", 0.4), (string.Empty, 0.2), ("audit", 0.1), ("measurements", 0.1), ("random", 0.1), ("attestation", 0.05), ("eventlog", 0.05)];

    public static async Task<int> RunAsync(string[] args)
    {
        SoakOptions options;
        try
        {
            options = SoakOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync($"soak: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var clock = Stopwatch.StartNew();
        var recorder = new LatencyRecorder();
        using var counters = new RuntimeCounters(options.ServerPid, options.SampleInterval);
        using var load = new ApiLoad(options, recorder, clock);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = options.BaseAddress };

        Log(clock, $"signing in and opening {options.Circuits} circuits on {options.BaseAddress}");
        if (!await SignInAsync(browser, cookies, options).ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync($"soak: signing in as {options.BrowserUser} failed; is the user configured with that password?").ConfigureAwait(false);
            return 2;
        }

        var circuits = await OpenCircuitsAsync(options, cookies, browser, clock).ConfigureAwait(false);
        if (circuits.Count < options.Circuits)
        {
            // A run with fewer circuits would measure something other than what it reports.
            await Console.Error.WriteLineAsync($"soak: only {circuits.Count} of {options.Circuits} circuits opened").ConfigureAwait(false);
            return 2;
        }

        Log(clock, $"{circuits.Count} circuits open; load for {options.Duration}");
        var start = clock.Elapsed;
        using var stop = new CancellationTokenSource(options.Duration);
        var running = load.RunAsync(stop.Token);
        var samples = new List<SoakSample>();
        using (var timer = new PeriodicTimer(options.SampleInterval))
        {
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
                {
                    var sample = await SampleAsync(options, recorder, counters, load, circuits, clock.Elapsed - start, start, stop.Token).ConfigureAwait(false);
                    if (stop.IsCancellationRequested)
                    {
                        // The run ended while this sample's reads were in flight: they were cancelled, not unanswered.
                        break;
                    }

                    samples.Add(sample);
                    Log(clock, string.Create(CultureInfo.InvariantCulture,
                        $"RSS {sample.RssMb:F1} MB, heap {sample.HeapMb:F1} MB (committed {sample.CommittedMb:F0}, gen2+LOH {sample.SurvivedMb:F0}, alloc {sample.AllocMbPerSecond:F0} MB/s), GC pause {sample.GcPauseMs:F0} ms (longest {sample.GcLongestPauseMs:F0}), threads {sample.Threads}, circuits {sample.ClientCircuitsAlive}/{sample.CircuitsOpen}, failures {sample.Failures}, 429 {sample.IntendedRefusals}, audit {sample.AuditEntries}/{sample.AuditCapacity}, log {sample.EventLogEntries}/{sample.EventLogCapacity}, load {Load()}"));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        await running.ConfigureAwait(false);
        var lostCircuits = circuits.Where(c => c.Failure is not null).Select(c => $"{c.Page}: {c.Failure}").ToArray();
        var report = SoakReport.Create(options, samples, recorder, lostCircuits, circuits.Count);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "samples.csv"), SoakReport.Csv(samples)).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "report.md"), report.Markdown).ConfigureAwait(false);
        Console.WriteLine(report.Markdown);
        foreach (var circuit in circuits)
        {
            await circuit.DisposeAsync().ConfigureAwait(false);
        }

        return report.Passed ? 0 : 1;
    }

    /// <summary>Signs in on the login form as a browser does: its antiforgery token and cookie, then the post.</summary>
    private static async Task<bool> SignInAsync(HttpClient browser, CookieContainer cookies, SoakOptions options)
    {
        var form = await browser.GetStringAsync(new Uri("login", UriKind.Relative)).ConfigureAwait(false);
        var antiforgery = AntiforgeryField().Match(form);
        if (!antiforgery.Success)
        {
            return false;
        }

        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Value),
            ["Input.Name"] = options.BrowserUser,
            ["Input.Password"] = options.BrowserPassword,
        });
        using var response = await browser.PostAsync(new Uri("login", UriKind.Relative), body).ConfigureAwait(false);
        return cookies.GetCookies(options.BaseAddress).Any(c => c.Name == "nsm-session");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();

    private static async Task<List<BlazorCircuit>> OpenCircuitsAsync(SoakOptions options, CookieContainer cookies, HttpClient browser, Stopwatch clock)
    {
        var pages = Pages.SelectMany(p => Enumerable.Repeat(p.Page, (int)Math.Round(p.Share * options.Circuits)))
            .Concat(Enumerable.Repeat("pcrs", options.Circuits)).Take(options.Circuits).ToArray();
        var circuits = new List<BlazorCircuit>(pages.Length);
        using var gate = new SemaphoreSlim(4);
        using var opening = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var failures = 0;
        await Task.WhenAll(pages.Select(async page =>
        {
            await gate.WaitAsync(opening.Token).ConfigureAwait(false);
            try
            {
                var circuit = await BlazorCircuit.OpenAsync(options.BaseAddress, page, cookies, browser, opening.Token).ConfigureAwait(false);
                lock (circuits)
                {
                    circuits.Add(circuit);
                    if (circuits.Count % 50 == 0)
                    {
                        Log(clock, $"{circuits.Count} circuits open");
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Any failure to open one (a refused upgrade arrives as an AggregateException of the transports tried)
                // is counted; the run then stops as a setup failure rather than measure fewer circuits.
                if (Interlocked.Increment(ref failures) <= 5)
                {
                    Log(clock, $"circuit on /{page} did not open: {ex.Message}");
                }
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return circuits;
    }

    private static async Task<SoakSample> SampleAsync(
        SoakOptions options, LatencyRecorder recorder, RuntimeCounters counters, ApiLoad load, List<BlazorCircuit> circuits,
        TimeSpan elapsed, TimeSpan start, CancellationToken cancellationToken)
    {
        var (rssKb, threads) = ProcStatus(options.ServerPid);
        var audit = await load.GetJsonAsync("export", "api/audit", cancellationToken).ConfigureAwait(false);
        var log = await load.GetJsonAsync("export", "api/eventlog", cancellationToken).ConfigureAwait(false);
        var measurements = await load.GetJsonAsync("read", "api/measurements", cancellationToken).ConfigureAwait(false);
        var metrics = await ScrapeAsync(load, cancellationToken).ConfigureAwait(false);
        var logEntries = log?["entries"] as JsonArray;
        var windowEnd = (elapsed + start).TotalSeconds;
        var windowStart = windowEnd - options.SampleInterval.TotalSeconds;
        return new SoakSample
        {
            Seconds = elapsed.TotalSeconds,
            RssMb = rssKb / 1024.0,
            HeapMb = counters["gc-heap-size"],
            CommittedMb = counters["gc-committed"],
            SurvivedMb = (counters["gen-2-size"] + counters["loh-size"]) / (1024 * 1024),
            AllocMbPerSecond = counters["alloc-rate"] / (1024 * 1024) / options.SampleInterval.TotalSeconds,
            GcPauseMs = counters["total-pause-time-by-gc"],
            GcLongestPauseMs = counters.TakeLongestPauseMs(),
            Gen2Collections = counters["gen-2-gc-count"],
            Threads = threads,
            ThreadPoolThreads = counters["threadpool-thread-count"],
            CircuitsOpen = (int)(metrics?.GetValueOrDefault("dashboard_circuits_open") ?? -1),
            CircuitsConnected = (int)(metrics?.GetValueOrDefault("dashboard_circuits_connected") ?? -1),
            ClientCircuitsAlive = circuits.Count(c => c.Failure is null),
            RenderBatches = circuits.Sum(c => c.RenderBatches),
            Failures = recorder.FailureCount,
            IntendedRefusals = recorder.IntendedRefusals,
            AuditEntries = (audit?["entries"] as JsonArray)?.Count ?? -1,
            AuditCapacity = audit?["capacity"]?.GetValue<int>() ?? -1,
            EventLogEntries = logEntries?.Count ?? -1,
            EventLogCapacity = log?["capacity"]?.GetValue<int>() ?? -1,
            EventLogDataBytes = logEntries?.Sum(e => (e?["data"]?.GetValue<string>().Length ?? 0) / 2) ?? -1,
            MeasurementSets = (measurements as JsonArray)?.Count ?? -1,
            ImportBytes = load.LastImportBytes,
            Latency = LatencyRecorder.Classes.ToDictionary(
                c => c,
                c => (recorder.Percentile(c, 50, windowStart, windowEnd), recorder.Percentile(c, 99, windowStart, windowEnd))),
        };
    }

    private static async Task<Dictionary<string, double>> ScrapeAsync(ApiLoad load, CancellationToken cancellationToken)
    {
        var text = await load.GetTextAsync("read", "metrics", cancellationToken).ConfigureAwait(false) ?? string.Empty;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && !line.StartsWith('#') && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[parts[0]] = value;
            }
        }

        return values;
    }

    private static (long RssKb, int Threads) ProcStatus(int pid)
    {
        long rss = -1;
        var threads = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return (rss, threads);
    }

    internal static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static void Log(Stopwatch clock, string text) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed:hh\\:mm\\:ss}] {text}"));
}
