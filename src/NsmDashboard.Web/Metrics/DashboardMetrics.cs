using System.Diagnostics.Metrics;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// The dashboard's own instruments, on the meter <see cref="MeterName"/>: the Blazor circuits that are open
/// (a browser tab with the dashboard, connected or retained for reconnection) and those connected right now.
/// Fed by <see cref="CircuitMetricsHandler"/>.
/// </summary>
/// <remarks>
/// Observable gauges rather than up-down counters: a scrape then always reports the current value, 0 included,
/// instead of nothing until the first circuit opens.
/// </remarks>
public sealed class DashboardMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "NsmDashboard.Web";

    /// <summary>Open circuits (<c>dashboard_circuits_open</c> in Prometheus, a gauge).</summary>
    public const string OpenCircuitsInstrument = "dashboard.circuits.open";

    /// <summary>Circuits with a live connection (<c>dashboard_circuits_connected</c>, a gauge).</summary>
    public const string ConnectedCircuitsInstrument = "dashboard.circuits.connected";

    private long _open;
    private long _connected;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public DashboardMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(OpenCircuitsInstrument, () => OpenCircuits, "{circuit}", "Blazor circuits open (connected or retained for reconnection).");
        meter.CreateObservableGauge(ConnectedCircuitsInstrument, () => ConnectedCircuits, "{circuit}", "Blazor circuits with a live connection.");
    }

    /// <summary>The circuits open now.</summary>
    public long OpenCircuits => Volatile.Read(ref _open);

    /// <summary>The circuits connected now.</summary>
    public long ConnectedCircuits => Volatile.Read(ref _connected);

    /// <summary>A circuit opened (+1) or closed (−1).</summary>
    public void CircuitOpened(int delta) => Interlocked.Add(ref _open, delta);

    /// <summary>A circuit's connection came up (+1) or went down (−1).</summary>
    public void CircuitConnected(int delta) => Interlocked.Add(ref _connected, delta);
}
