using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NsmDashboard.Web.Metrics;

namespace NsmDashboard.Web.Hosting.Api;

/// <summary>Registers the JSON API: OpenAPI, JSON and binding options, metrics and the circuit counter.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>Adds what <see cref="ApiApplicationExtensions.UseNsmDashboardApi"/> needs.</summary>
    public static IServiceCollection AddNsmDashboardApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // A lambda, not a method group: the OpenAPI source generator intercepts only this form to add the XML doc
        // comments of the contracts as descriptions.
        services.AddOpenApi(options => ApiOpenApi.Configure(options));

        // Web defaults (camelCase, case-insensitive reading); numbers in strings are refused, as in any strict API.
        services.Configure<JsonOptions>(options =>
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);

        // Binding failures (malformed JSON, a missing body, another content type) throw BadHttpRequestException
        // with the reason, which ApiProblemMiddleware turns into a problem; otherwise they are a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddDashboardMetrics();
        services.AddOptions<ConnectionLimitOptions>()
            .BindConfiguration(ConnectionLimitOptions.SectionName)
            .Validate(
                o => o.MaxConnections >= 1 && o.MaxUpgradedConnections >= 1 && o.MaxCircuits >= 1,
                $"{ConnectionLimitOptions.SectionName}: MaxConnections, MaxUpgradedConnections and MaxCircuits must each be at least 1.");
        services.TryAddSingleton<CircuitLimit>();
        return services;
    }
}
