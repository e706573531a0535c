using NsmDashboard.Web.Metrics;

namespace NsmDashboard.Web.Api;

/// <summary>Puts the JSON API into the request pipeline.</summary>
public static class ApiApplicationExtensions
{
    /// <summary>
    /// Adds <see cref="ApiProblemMiddleware"/> for API paths and maps every API route and <c>/openapi/v1.json</c>.
    /// Call it after the status-code-pages middleware (which it switches off for API paths) and before the pages.
    /// </summary>
    public static WebApplication UseNsmDashboardApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Created now so that the listener sees every measurement from the first request on and the gauges exist
        // before the first circuit.
        _ = app.Services.GetRequiredService<PrometheusMetricsExporter>();
        _ = app.Services.GetRequiredService<NsmMetrics>();
        _ = app.Services.GetRequiredService<DashboardMetrics>();

        app.UseWhen(
            context => ApiProblemMiddleware.IsApiPath(context.Request.Path),
            api => api.UseMiddleware<ApiProblemMiddleware>());

        app.MapOpenApi();
        app.MapNsmEndpoints();
        app.MapPcrEndpoints();
        app.MapEventLogEndpoints();
        app.MapMeasurementEndpoints();
        app.MapAttestationEndpoints();
        app.MapRandomEndpoints();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoints();
        return app;
    }
}
