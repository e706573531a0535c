using System.Diagnostics;
using System.Globalization;
using NsmDashboard.Testing.Fuzz;

namespace NsmDashboard.Benchmarks.Fuzz;

/// <summary>
/// Runs a target's inputs one at a time and enforces what may come out: only the target's typed outcomes (a
/// <see cref="FuzzFinding"/> or any exception stops the run), no input running longer than the timeout (a watchdog
/// thread stops the process and prints the input), no input allocating more than the limit. Counts outcomes and
/// mutations and reports throughput. With a time budget (<see cref="Timeout.InfiniteTimeSpan"/> for none) the run stops
/// after the input that crosses it and reports the inputs it completed, so a long run on a shared machine still ends
/// with its counts instead of being killed without them.
/// </summary>
internal sealed class FuzzLoop(IFuzzTarget target, long count, int seed, TimeSpan timeout, long maxAllocation, long progressEvery, TimeSpan budget)
{
    private readonly Dictionary<string, long> _outcomes = [];
    private readonly Dictionary<string, long> _mutations = [];
    private long _current = -1;
    private long _currentStarted;
    private long _slowest;
    private long _slowestIndex;
    private long _largestAllocation;
    private long _largestAllocationIndex;

    public int Run(TextWriter output)
    {
        var watchdog = new Thread(Watch) { IsBackground = true, Name = "fuzz watchdog" };
        watchdog.Start(output);
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < count; i++)
        {
            target.Prepare(i);
            var allocatedBefore = Allocated();
            Volatile.Write(ref _currentStarted, Stopwatch.GetTimestamp());
            Volatile.Write(ref _current, i);
            string outcome;
            string mutation;
            try
            {
                (outcome, mutation) = target.Run(i);
            }
            catch (FuzzFinding finding)
            {
                output.WriteLine($"FINDING after {clock.Elapsed.TotalSeconds:F1} s: {finding.Message}");
                output.WriteLine(finding.InnerException?.ToString());
                return 1;
            }
            catch (Exception e)
            {
                output.WriteLine($"FINDING after {clock.Elapsed.TotalSeconds:F1} s: input {i} (seed {seed}) escaped the harness: {e}");
                output.WriteLine(Convert.ToHexStringLower(target.Current.Span));
                return 1;
            }

            var elapsed = Stopwatch.GetTimestamp() - Volatile.Read(ref _currentStarted);
            Volatile.Write(ref _current, -1);
            var allocated = Allocated() - allocatedBefore;
            if (elapsed > _slowest)
            {
                (_slowest, _slowestIndex) = (elapsed, i);
            }

            if (allocated > _largestAllocation)
            {
                (_largestAllocation, _largestAllocationIndex) = (allocated, i);
            }

            if (allocated > maxAllocation)
            {
                output.WriteLine($"FINDING: input {i} (seed {seed}) allocated {allocated:N0} bytes (limit {maxAllocation:N0}): {Convert.ToHexStringLower(target.Current.Span)}");
                return 1;
            }

            _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
            foreach (var kind in mutation.Split('+'))
            {
                _mutations[kind] = _mutations.GetValueOrDefault(kind) + 1;
            }

            if (budget != Timeout.InfiniteTimeSpan && clock.Elapsed > budget && i + 1 < count)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"STOPPED at the time budget ({budget.TotalMinutes:F0} min): {i + 1:N0} of {count:N0} inputs completed"));
                break;
            }

            if ((i + 1) % progressEvery == 0 && i + 1 < count)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1,11:N0} inputs  {clock.Elapsed.TotalSeconds,8:F0} s  {(i + 1) / clock.Elapsed.TotalSeconds,8:F0}/s  load {LoadAverage()}"));
                output.Flush();
            }
        }

        Report(output, clock.Elapsed);
        return 0;
    }

    private long Allocated() => target.SingleThreaded ? GC.GetAllocatedBytesForCurrentThread() : GC.GetTotalAllocatedBytes(precise: false);

    private void Report(TextWriter output, TimeSpan elapsed)
    {
        var total = _outcomes.Values.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OK: {total:N0} inputs in {elapsed.TotalSeconds:F0} s ({total / elapsed.TotalSeconds:F0}/s), seed {seed}; only typed outcomes; load {LoadAverage()}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"slowest input {Stopwatch.GetElapsedTime(0, _slowest).TotalMilliseconds:F1} ms (#{_slowestIndex}; timeout {timeout.TotalSeconds:F0} s); largest allocation {_largestAllocation / 1024.0:F0} KiB (#{_largestAllocationIndex}; limit {maxAllocation / 1024 / 1024} MiB)"));
        output.WriteLine("Outcomes by group:");
        foreach (var group in _outcomes.GroupBy(o => Group(o.Key)).OrderByDescending(g => g.Sum(o => o.Value)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key,-44} {group.Sum(o => o.Value),11:N0}  ({group.Count()} kinds)"));
        }

        output.WriteLine("Outcomes:");
        foreach (var (outcome, n) in _outcomes.OrderByDescending(o => o.Value))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n,11:N0}  {outcome}"));
        }

        output.WriteLine("Mutations applied (an input may carry several):");
        foreach (var (kind, n) in _mutations.OrderByDescending(m => m.Value))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-12} {n,11:N0}"));
        }
    }

    /// <summary><c>decode error: payload.pcrs: …</c> → <c>decode error</c>; <c>verdict: X</c> stays whole.</summary>
    private static string Group(string outcome)
    {
        var parts = outcome.Split(": ");
        return parts.Length <= 2 ? outcome : parts[0] + ": " + parts[1];
    }

    private void Watch(object? state)
    {
        var output = (TextWriter)state!;
        while (true)
        {
            Thread.Sleep(250);
            var index = Volatile.Read(ref _current);
            if (index < 0)
            {
                continue;
            }

            var running = Stopwatch.GetElapsedTime(Volatile.Read(ref _currentStarted));
            if (running > timeout && Volatile.Read(ref _current) == index)
            {
                output.WriteLine($"FINDING: input {index} (seed {seed}) still running after {running.TotalSeconds:F0} s (timeout {timeout.TotalSeconds:F0} s): {Convert.ToHexStringLower(target.Current.Span)}");
                output.Flush();
                Environment.Exit(3);
            }
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
