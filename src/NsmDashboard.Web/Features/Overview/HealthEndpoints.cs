using Microsoft.AspNetCore.Http.HttpResults;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;

namespace NsmDashboard.Web.Features.Overview;

/// <summary>
/// Health, in two parts:
/// <list type="bullet">
/// <item><c>GET /healthz</c>, anonymous, for load balancers and probes: whether the NSM works, from
/// <see cref="NsmHealth"/> (at most one DescribeNSM per interval, whatever the request rate, and every device failure
/// seen meanwhile); 200 with the mode, or 503 with the ErrorCode and errno. It names nothing: no module id, which on
/// Nitro carries the parent's EC2 instance id.</item>
/// <item><c>GET /healthz/ready</c>, signed in: DescribeNSM now, with the module id.</item>
/// </list>
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The <see cref="HealthResponse.Status"/> of a healthy dashboard.</summary>
    public const string Healthy = "healthy";

    /// <summary>The <see cref="ReadinessResponse.Status"/> of a dashboard whose NSM answered.</summary>
    public const string Ready = "ready";

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/healthz", CheckAsync)
            .WithTags("Operations")
            .WithName("Health")
            .WithSummary("Whether the NSM works (checked at most once per interval, and on every device failure): 200 with the mode, 503 with the error. Anonymous; names nothing.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous();

        endpoints.MapGet("/healthz/ready", ReadyAsync)
            .WithTags("Operations")
            .WithName("Readiness")
            .WithSummary("DescribeNSM now: 200 with the mode and module id, 503 with the error. Needs a signed-in Viewer (or a token).")
            .RequireAuthorization(NsmRoles.ViewerPolicy)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblems(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    internal static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> CheckAsync(
        NsmHealth health, NsmStateService state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(state);
        return await health.GetFailureAsync(cancellationToken) is { } failure
            ? TypedResults.Problem(ApiProblems.Unhealthy(failure))
            : TypedResults.Ok(new HealthResponse(Healthy, NsmEndpoints.ModeName(state.Kind)));
    }

    internal static async Task<Results<Ok<ReadinessResponse>, ProblemHttpResult>> ReadyAsync(
        NsmStateService state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            var nsm = await state.DescribeAsync(cancellationToken);
            return TypedResults.Ok(new ReadinessResponse(Ready, NsmEndpoints.ModeName(state.Kind), nsm.ModuleId));
        }
        catch (NsmException ex)
        {
            return TypedResults.Problem(ApiProblems.Unhealthy(ex));
        }
    }
}
