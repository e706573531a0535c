using Microsoft.Extensions.Options;
using NsmDashboard.Web.Metrics;

namespace NsmDashboard.Web.Hosting;

/// <summary>
/// The limit on open circuits (<see cref="ConnectionLimitOptions.MaxCircuits"/>): a new tab beyond it is shown a page
/// saying so (<see cref="Components.CircuitLimitNotice"/>) instead of the dashboard, so it starts no circuit. It is
/// checked when the page is served; tabs that are already open keep their circuits and may reconnect.
/// </summary>
public sealed class CircuitLimit(DashboardMetrics metrics, IOptions<ConnectionLimitOptions> options)
{
    /// <summary>The limit.</summary>
    public int MaxCircuits => options.Value.MaxCircuits;

    /// <summary>The circuits open now.</summary>
    public long OpenCircuits => metrics.OpenCircuits;

    /// <summary>Whether a new tab may not start a circuit now.</summary>
    public bool IsFull => metrics.OpenCircuits >= options.Value.MaxCircuits;
}
