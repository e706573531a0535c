namespace NsmDashboard.Web.Hosting;

/// <summary>
/// How many connections and tabs the dashboard serves at once, bound from <c>NsmDashboard:Limits</c>; sized for an
/// enclave with 2 vCPUs and about 1 GB, used by a few operators. Beyond them Kestrel closes new connections at once
/// (and logs it), and a new tab gets a page saying the limit is reached instead of a circuit.
/// </summary>
public sealed class ConnectionLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "NsmDashboard:Limits";

    /// <summary>
    /// Open connections (Kestrel's <c>MaxConcurrentConnections</c>): 512. A browser holds up to 6 per host plus one
    /// WebSocket per tab; nsm-proxy allows 64 per client address, so eight busy addresses fit.
    /// </summary>
    public int MaxConnections { get; set; } = 512;

    /// <summary>Connections upgraded to WebSockets (one per open tab's circuit): 128, above <see cref="MaxCircuits"/> so reconnecting tabs are not refused.</summary>
    public int MaxUpgradedConnections { get; set; } = 128;

    /// <summary>
    /// Open circuits (dashboard tabs, connected or kept for reconnection): 100. Each costs about 0.5 MB
    /// (tests/NsmDashboard.Benchmarks/README.md), so 100 take about 50 MB beside the app's ~150 MB.
    /// </summary>
    public int MaxCircuits { get; set; } = 100;
}
