namespace NsmDashboard.Web.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus text exposition format (<see cref="PrometheusMetricsExporter"/>): NSM calls by
/// operation and result and their durations, PCR locks and PCRs changed outside the dashboard, dropped audit
/// records, open circuits, the build, the process. Every metric is listed in <c>docs/metrics.md</c>.
/// </summary>
public static class MetricsEndpoints
{
    /// <summary>Starts the exporter and the instruments (so nothing measured from now on is missed) and maps the route.</summary>
    /// <remarks>Map it in a group that requires a signed-in Viewer: the metrics say which PCRs changed and when.</remarks>
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        _ = services.GetRequiredService<PrometheusMetricsExporter>();
        _ = services.GetRequiredService<NsmMetrics>();
        _ = services.GetRequiredService<DashboardMetrics>();
        _ = services.GetRequiredService<NsmStateMetrics>();
        _ = services.GetRequiredService<AuditMetrics>();

        endpoints.MapGet("/metrics", ScrapeAsync)
            .WithTags("Operations")
            .WithName("Metrics")
            .WithSummary("Prometheus metrics (text exposition format 0.0.4).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return endpoints;
    }

    // The PCRs are read first (at most once a second, see NsmStateMetrics), so the gauges describe this scrape's moment.
    internal static async Task ScrapeAsync(HttpContext context, NsmStateMetrics state, PrometheusMetricsExporter exporter)
    {
        await state.RefreshAsync(context.RequestAborted).ConfigureAwait(false);
        await exporter.ServeAsync(context).ConfigureAwait(false);
    }
}
