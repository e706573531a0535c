using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Web.Api.Contracts;
using NsmDashboard.Web.Model;
using NsmDashboard.Web.Services;

namespace NsmDashboard.Web.Api;

/// <summary>
/// The PCR event log over HTTP: <c>GET /api/eventlog</c> (every extend made through the dashboard, in order),
/// <c>POST /api/eventlog/import</c> (keep an exported log to check documents against) and
/// <c>GET /api/pcrs/{index}/replay</c> (fold the log and compare with the live value).
/// </summary>
public static class EventLogEndpoints
{
    /// <summary>Maps the event log routes.</summary>
    public static IEndpointRouteBuilder MapEventLogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var log = endpoints.MapGroup("/api/eventlog").WithTags("Event log");

        log.MapGet(string.Empty, Get)
            .WithName("GetEventLog")
            .WithSummary("Every extend made through the dashboard (UI and API), in order: sequence, index, dataSha384, dataLength, data (null when private), before, after, user, time.");

        log.MapPost("/import", Import)
            .WithName("ImportEventLog")
            .WithSummary("Keeps an exported event log (the shape GET /api/eventlog returns) to check attestation documents against; replaces any earlier import. Returns the replayed value per PCR.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        endpoints.MapGet("/api/pcrs/{index}/replay", ReplayAsync)
            .WithTags("Event log")
            .WithName("ReplayPcr")
            .WithSummary("Folds SHA-384 over the PCR's event log from its start value and compares with the live value: explained, or changed outside this dashboard after entry divergesAfter.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        return endpoints;
    }

    internal static Ok<EventLogDocument> Get(PcrEventLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return TypedResults.Ok(EventLogJson.Export(log.Snapshot(), log.Capacity));
    }

    internal static Results<Ok<ReplayResponse[]>, ProblemHttpResult> Import([FromBody] EventLogDocument? body, ImportedPcrEventLog imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        if (!EventLogJson.TryImport(body, out var log, out var error))
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument(error));
        }

        imported.Import(log, "API");
        return TypedResults.Ok(log.Indices.Select(i => ReplayResponse.From(log.Replay(i, null, actualLocked: false))).ToArray());
    }

    internal static async Task<Results<Ok<ReplayResponse>, ProblemHttpResult>> ReplayAsync(
        string index, PcrReplayService replay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        if (!ApiInput.TryParseIndex(index, out var pcrIndex, out var problem))
        {
            return TypedResults.Problem(problem);
        }

        return TypedResults.Ok(ReplayResponse.From(await replay.ReplayAsync(pcrIndex, cancellationToken)));
    }
}
