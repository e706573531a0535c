namespace NsmDashboard.Benchmarks.Soak;

/// <summary>
/// Request outcomes per route class: latencies (for p50/p99 per sample window and per third of the run), failures, and
/// the intended refusals (429 to the over-limit token). Thread-safe.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<(double At, double Ms)>> _latencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];
    private long _failureCount;
    private long _intendedRefusals;

    public static IReadOnlyList<string> Classes { get; } = ["read", "extend", "attest", "export", "import", "page"];

    public long FailureCount => Interlocked.Read(ref _failureCount);

    public long IntendedRefusals => Interlocked.Read(ref _intendedRefusals);

    public void Succeeded(string routeClass, double atSeconds, double milliseconds)
    {
        lock (_lock)
        {
            if (!_latencies.TryGetValue(routeClass, out var list))
            {
                _latencies[routeClass] = list = [];
            }

            list.Add((atSeconds, milliseconds));
            _counts[routeClass] = _counts.GetValueOrDefault(routeClass) + 1;
        }
    }

    public void IntendedRefusal() => Interlocked.Increment(ref _intendedRefusals);

    public void Failed(string routeClass, string what)
    {
        // Printed as they happen (the first 50): a run cut short still shows what failed.
        if (Interlocked.Increment(ref _failureCount) <= 50)
        {
            Console.Error.WriteLine($"failure: {routeClass}: {what}");
        }

        lock (_lock)
        {
            // The first few are kept word for word; the count says how many there were.
            if (_failures.Count < 20)
            {
                _failures.Add($"{routeClass}: {what}");
            }
        }
    }

    public IReadOnlyList<string> FirstFailures()
    {
        lock (_lock)
        {
            return [.. _failures];
        }
    }

    public long Count(string routeClass)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(routeClass);
        }
    }

    /// <summary>How many requests of a class succeeded in [from, to) seconds.</summary>
    public int CountBetween(string routeClass, double from, double to)
    {
        lock (_lock)
        {
            return _latencies.TryGetValue(routeClass, out var list) ? list.Count(x => x.At >= from && x.At < to) : 0;
        }
    }

    /// <summary>Percentile <paramref name="p"/> (0–100) of the latencies of a class recorded in [from, to) seconds; NaN if none.</summary>
    public double Percentile(string routeClass, double p, double from, double to)
    {
        double[] values;
        lock (_lock)
        {
            if (!_latencies.TryGetValue(routeClass, out var list))
            {
                return double.NaN;
            }

            values = [.. list.Where(x => x.At >= from && x.At < to).Select(x => x.Ms)];
        }

        if (values.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(values);
        var rank = (int)Math.Ceiling(p / 100 * values.Length) - 1;
        return values[Math.Clamp(rank, 0, values.Length - 1)];
    }
}
