using Microsoft.AspNetCore.Http.HttpResults;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Overview;

/// <summary>
/// <c>GET /healthz</c>: whether the NSM answers. One DescribeNSM per probe, never cached, so a removed or broken
/// device shows at the next probe: 200 with the mode, or 503 with the ErrorCode and errno.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The <see cref="HealthResponse.Status"/> of a healthy dashboard.</summary>
    public const string Healthy = "healthy";

    /// <summary>Maps the route.</summary>
    public static RouteHandlerBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/healthz", CheckAsync)
            .WithTags("Operations")
            .WithName("Health")
            .WithSummary("Whether the NSM answers DescribeNSM: 200 with the mode, 503 with the error when it does not.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    internal static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> CheckAsync(
        NsmStateService state, CancellationToken cancellationToken)
    {
        try
        {
            var nsm = await state.DescribeAsync(cancellationToken);
            return TypedResults.Ok(new HealthResponse(Healthy, NsmEndpoints.ModeName(state.Kind), nsm.ModuleId));
        }
        catch (NsmException ex)
        {
            return TypedResults.Problem(ApiProblems.Unhealthy(ex));
        }
    }
}
