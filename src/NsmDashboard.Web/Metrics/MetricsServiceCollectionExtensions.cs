using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NsmDashboard.Web.Metrics;

/// <summary>Registers what <see cref="MetricsEndpoints.MapMetricsEndpoints"/> serves.</summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>Adds the instruments, the exporter and the circuit counter.</summary>
    public static IServiceCollection AddDashboardMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NsmMetrics>();
        services.TryAddSingleton<DashboardMetrics>();
        services.TryAddSingleton<NsmStateMetrics>();
        services.TryAddSingleton<AuditMetrics>();
        services.TryAddSingleton<PrometheusMetricsExporter>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetricsHandler>());
        return services;
    }
}
