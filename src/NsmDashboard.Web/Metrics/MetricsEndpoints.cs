using Microsoft.AspNetCore.Http.HttpResults;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// <c>GET /metrics</c>: Prometheus text — NSM calls by operation and result, their durations, open circuits
/// (<see cref="PrometheusMetricsExporter"/>).
/// </summary>
public static class MetricsEndpoints
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/metrics", Scrape)
            .WithTags("Operations")
            .WithName("Metrics")
            .WithSummary("Prometheus metrics (text exposition format 0.0.4).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return endpoints;
    }

    internal static ContentHttpResult Scrape(PrometheusMetricsExporter exporter) =>
        TypedResults.Text(exporter.Scrape(), PrometheusMetricsExporter.ContentType);
}
