namespace NsmDashboard.Benchmarks.Soak;

/// <summary>One row of a soak run, taken every sample interval.</summary>
internal sealed record SoakSample
{
    public double Seconds { get; init; }

    public double RssMb { get; init; }

    public double HeapMb { get; init; }

    public double GcPauseMs { get; init; }

    /// <summary>The longest single GC pause in this sample's interval (ms).</summary>
    public double GcLongestPauseMs { get; init; }

    public double Gen2Collections { get; init; }

    public int Threads { get; init; }

    public double ThreadPoolThreads { get; init; }

    public int CircuitsOpen { get; init; }

    public int CircuitsConnected { get; init; }

    public int ClientCircuitsAlive { get; init; }

    public long RenderBatches { get; init; }

    public long Failures { get; init; }

    public long IntendedRefusals { get; init; }

    public int AuditEntries { get; init; }

    public int AuditCapacity { get; init; }

    public int EventLogEntries { get; init; }

    public int EventLogCapacity { get; init; }

    public long EventLogDataBytes { get; init; }

    public int MeasurementSets { get; init; }

    public int ImportBytes { get; init; }

    public IReadOnlyDictionary<string, (double P50, double P99)> Latency { get; init; } = new Dictionary<string, (double, double)>();
}
