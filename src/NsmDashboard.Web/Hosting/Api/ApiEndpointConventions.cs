namespace NsmDashboard.Web.Hosting.Api;

/// <summary>OpenAPI metadata shared by the API's routes.</summary>
internal static class ApiEndpointConventions
{
    /// <summary>
    /// Declares the problem responses a route can give, so that <c>/openapi/v1.json</c> lists them. Every route
    /// can also answer 502 (the NSM answered nonsense or failed) and 503 (the device cannot be reached).
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status502BadGateway).Append(StatusCodes.Status503ServiceUnavailable).Distinct())
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
