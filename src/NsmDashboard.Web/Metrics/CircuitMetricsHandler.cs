using Microsoft.AspNetCore.Components.Server.Circuits;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// Counts circuits for <see cref="DashboardMetrics"/>. One instance per circuit (scoped); Blazor calls it on the
/// circuit's lifecycle events, so the gauges follow open tabs without anything polling.
/// </summary>
public sealed class CircuitMetricsHandler(DashboardMetrics metrics) : CircuitHandler
{
    /// <inheritdoc/>
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened(+1);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened(-1);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitConnected(+1);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitConnected(-1);
        return Task.CompletedTask;
    }
}
