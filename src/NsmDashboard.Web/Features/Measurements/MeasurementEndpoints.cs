using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Hosting.Api;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>
/// <c>/api/measurements</c>: named sets of expected PCR values, from nitro-cli's JSON or by hand, kept in memory;
/// <c>GET /api/pcrs</c> and the pages mark each PCR against them.
/// </summary>
public static class MeasurementEndpoints
{
    /// <summary>Maps the measurement routes.</summary>
    public static IEndpointRouteBuilder MapMeasurementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var measurements = endpoints.MapGroup("/api/measurements").WithTags("Measurements");

        measurements.MapGet(string.Empty, List)
            .WithName("ListMeasurements")
            .WithSummary("The named expected-measurement sets, in the order they were added.");

        measurements.MapPost(string.Empty, Add)
            .WithName("AddMeasurements")
            .WithSummary("Adds (or replaces, by name) a set: {\"name\": \"release-42\", \"nitroCli\": <nitro-cli build-enclave or describe-eif JSON>} or {\"name\": …, \"pcrs\": {\"0\": \"<hex>\"}}.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        measurements.MapDelete("/{name}", Delete)
            .WithName("DeleteMeasurements")
            .WithSummary("Removes the set with this name.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        return endpoints;
    }

    internal static Ok<MeasurementSetResponse[]> List(ExpectedMeasurementStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return TypedResults.Ok(store.Sets.Select(MeasurementSetResponse.From).ToArray());
    }

    internal static Results<Ok<MeasurementSetResponse>, ProblemHttpResult> Add([FromBody] MeasurementSetBody? body, ExpectedMeasurementStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        body ??= new MeasurementSetBody();
        ExpectedPcrSet set;
        string source;
        try
        {
            (set, source) = body switch
            {
                { NitroCli: not null, Pcrs: not null } => throw new FormatException("Give either \"nitroCli\" or \"pcrs\", not both."),
                { NitroCli: { } nitroCli } => ExpectedMeasurementInput.FromNitroCli(body.Name, ApiInput.ReadJsonText("nitroCli", nitroCli)),
                { Pcrs: { } pcrs } => (ExpectedMeasurementInput.FromPcrs(body.Name, pcrs), ExpectedMeasurementSet.ManualSource),
                _ => throw new FormatException("Give the measurements: {\"name\": …, \"nitroCli\": <nitro-cli JSON>} or {\"name\": …, \"pcrs\": {\"0\": \"<hex>\"}}."),
            };
        }
        catch (FormatException ex)
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument(ex.Message));
        }

        try
        {
            return TypedResults.Ok(MeasurementSetResponse.From(store.Add(set, source)));
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(ApiProblems.Create(StatusCodes.Status409Conflict, "TooManySets", "Too many expected sets", ex.Message));
        }
    }

    internal static Results<NoContent, ProblemHttpResult> Delete(string name, ExpectedMeasurementStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Remove(name)
            ? TypedResults.NoContent()
            : TypedResults.Problem(ApiProblems.Create(StatusCodes.Status404NotFound, ApiProblems.NotFoundCode, "No such set",
                $"There is no expected set named {ApiInput.Quote(name)}; GET /api/measurements lists them."));
    }
}
