using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// The PCR event log over HTTP: <c>GET /api/eventlog</c> (every extend made through the dashboard, in order),
/// <c>POST /api/eventlog/import</c> (keep an exported log to check documents against),
/// <c>POST /api/eventlog/check</c> (a document's PCRs against that log) and
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

        // Trust data (documents are checked against it): Operator only, audited with the SHA-384 of the JSON, and read
        // with its own size limit — a Content-Length above it is refused before a byte is read, and a body without
        // one is read up to it and no further.
        var maxImportBytes = endpoints.ServiceProvider.GetRequiredService<IOptions<PcrEventLogOptions>>().Value.MaxImportBytes;
        log.MapPost("/import", ImportAsync)
            .WithName("ImportEventLog")
            .WithSummary("Keeps an exported event log (the shape GET /api/eventlog returns) to check attestation documents against; replaces any earlier import. Returns the replayed value per PCR. Operator only; audited with the SHA-384 of the JSON.")
            .RequireAuthorization(NsmRoles.OperatorPolicy)
            .WithMetadata(new NsmOperationMetadata(NsmOperationKind.ImportEventLog), new ApiBodyLimit(maxImportBytes))
            .Accepts<EventLogDocument>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        log.MapPost("/check", Check)
            .WithName("CheckDocumentAgainstEventLog")
            .WithSummary("Checks an attestation document's PCRs against the imported event log (or this dashboard's own): per PCR, the value the log folds to beside the document's.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

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

    internal static async Task<Results<Ok<ReplayResponse[]>, ProblemHttpResult>> ImportAsync(
        HttpContext context, TrustDataOperations trustData, IOptions<PcrEventLogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trustData);
        ArgumentNullException.ThrowIfNull(options);
        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(ApiProblems.ForStatus(StatusCodes.Status415UnsupportedMediaType, context.Request.Method, context.Request.Path));
        }

        var maxBytes = options.Value.MaxImportBytes;
        if (await ApiBodyLimit.ReadAsync(context.Request.Body, maxBytes, context.RequestAborted) is not { } body)
        {
            return TypedResults.Problem(ApiProblems.BodyTooLarge(maxBytes));
        }

        EventLogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<EventLogDocument>(body.Data.Span, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument($"The body is not an exported event log: {ex.Message}"));
        }

        if (!EventLogJson.TryImport(document, out var log, out var error))
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument(error));
        }

        trustData.ImportEventLog(ApiCaller.From(context), log, "API", body.Sha384, body.Data.Length);
        return TypedResults.Ok(log.Indices.Select(i => ReplayResponse.From(log.Replay(i, null, actualLocked: false))).ToArray());
    }

    internal static Results<Ok<EventLogCheckResponse>, ProblemHttpResult> Check(
        [FromBody] EventLogCheckBody? body, ImportedPcrEventLog imported, PcrEventLog log)
    {
        ArgumentNullException.ThrowIfNull(imported);
        ArgumentNullException.ThrowIfNull(log);
        body ??= new EventLogCheckBody();
        if (string.IsNullOrWhiteSpace(body.Document))
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument("Give the document: {\"document\": \"<base64 or hex>\"}."));
        }

        var current = imported.Current;
        var (name, snapshot) = body.Log?.ToUpperInvariant() switch
        {
            null => current is null ? ("dashboard", log.Snapshot()) : ("imported", current.Log),
            "DASHBOARD" => ("dashboard", log.Snapshot()),
            "IMPORTED" => ("imported", current?.Log),
            _ => (string.Empty, null),
        };
        if (name.Length == 0)
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument($"\"log\" is {ApiInput.Quote(body.Log!)}; give \"imported\" or \"dashboard\"."));
        }

        if (snapshot is null)
        {
            return TypedResults.Problem(ApiProblems.Create(StatusCodes.Status409Conflict, "NoImportedLog", "No imported log",
                "No event log has been imported; POST one to /api/eventlog/import first, or check against \"dashboard\"."));
        }

        AttestationDocument document;
        try
        {
            document = AttestationDocument.Decode(AttestationInput.Parse(body.Document).Document.Span);
        }
        catch (AttestationInputException e)
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument($"\"document\" is neither base64 nor hex: {e.Message}"));
        }
        catch (AttestationDecodeException e)
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument($"\"document\" is not an attestation document: {e.Message}"));
        }

        return TypedResults.Ok(new EventLogCheckResponse(
            name, [.. EventLogDocumentCheck.Run(snapshot, document.Pcrs).Select(DocumentPcrCheckResponse.From)]));
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
