using Microsoft.AspNetCore.Http.HttpResults;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Random;

/// <summary><c>GET /api/random</c>: the NSM's GetRandom.</summary>
public static class RandomEndpoints
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapRandomEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/random", GetAsync)
            .WithTags("Random")
            .WithName("GetRandom")
            .WithSummary("GetRandom: a block of random bytes from the NSM (256 on Nitro), as hex.")
            .ProducesProblems();
        return endpoints;
    }

    internal static async Task<Ok<RandomResponse>> GetAsync(NsmStateService state, CancellationToken cancellationToken)
    {
        var random = await state.GetRandomAsync(cancellationToken);
        return TypedResults.Ok(new RandomResponse(Convert.ToHexStringLower(random.Span)));
    }
}
