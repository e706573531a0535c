using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;

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

        // Trust data: the sets decide what every page calls a match, so changing them needs an Operator (and is audited,
        // refusals included, through NsmOperationMetadata and TrustDataOperations).
        measurements.MapPost(string.Empty, Add)
            .WithName("AddMeasurements")
            .WithSummary("Adds (or replaces, by name) a set: {\"name\": \"release-42\", \"nitroCli\": <nitro-cli build-enclave or describe-eif JSON>}, {\"name\": …, \"nitroTpmPcrCompute\": <nitro-tpm-pcr-compute JSON>} or {\"name\": …, \"pcrs\": {\"0\": \"<hex>\"}, \"kind\": \"enclave|nitrotpm\"}. Operator only; audited with the SHA-384 of the data.")
            .RequireAuthorization(NsmRoles.OperatorPolicy)
            .WithMetadata(new NsmOperationMetadata(NsmOperationKind.AddMeasurements))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        measurements.MapDelete("/{name}", Delete)
            .WithName("DeleteMeasurements")
            .WithSummary("Removes the set with this name. Operator only; audited.")
            .RequireAuthorization(NsmRoles.OperatorPolicy)
            .WithMetadata(new NsmOperationMetadata(NsmOperationKind.DeleteMeasurements))
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        return endpoints;
    }

    internal static Ok<MeasurementSetResponse[]> List(ExpectedMeasurementStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return TypedResults.Ok(store.Sets.Select(MeasurementSetResponse.From).ToArray());
    }

    internal static Results<Ok<MeasurementSetResponse>, ProblemHttpResult> Add([FromBody] MeasurementSetBody? body, HttpContext context, TrustDataOperations trustData)
    {
        ArgumentNullException.ThrowIfNull(trustData);
        body ??= new MeasurementSetBody();
        ExpectedPcrSet set;
        string source;
        IReadOnlyList<string> warnings = [];
        try
        {
            var given = (body.NitroCli is null ? 0 : 1) + (body.NitroTpmPcrCompute is null ? 0 : 1) + (body.Pcrs is null ? 0 : 1);
            if (given > 1)
            {
                throw new FormatException("Give one of \"nitroCli\", \"nitroTpmPcrCompute\" and \"pcrs\", not several.");
            }

            if (body.Kind is not null && body.Pcrs is null)
            {
                throw new FormatException("\"kind\" applies to \"pcrs\" only: tool output carries its own kind.");
            }

            (set, source, warnings) = body switch
            {
                { NitroCli: { } json } => WithoutWarnings(ExpectedMeasurementInput.FromNitroCli(body.Name, Text(json))),
                { NitroTpmPcrCompute: { } json } => FromNitroTpmPcrCompute(body.Name, Text(json)),
                { Pcrs: { } pcrs } => (ExpectedMeasurementInput.FromPcrs(body.Name, ParseKind(body.Kind), pcrs), ExpectedMeasurementSet.ManualSource, (IReadOnlyList<string>)[]),
                _ => throw new FormatException("Give the measurements: {\"name\": …, \"nitroCli\": <nitro-cli JSON>}, {\"name\": …, \"nitroTpmPcrCompute\": <nitro-tpm-pcr-compute JSON>} or {\"name\": …, \"pcrs\": {\"0\": \"<hex>\"}}."),
            };
        }
        catch (FormatException ex)
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument(ex.Message));
        }

        try
        {
            return TypedResults.Ok(MeasurementSetResponse.From(trustData.SetMeasurements(ApiCaller.From(context), set, source, DataOf(body), warnings)));
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(ApiProblems.Create(StatusCodes.Status409Conflict, "TooManySets", "Too many expected sets", ex.Message));
        }
    }

    // The tools' JSON may come as an object or as a string holding it.
    private static string? Text(JsonElement json) => json.ValueKind == JsonValueKind.String ? json.GetString() : json.GetRawText();

    private static (ExpectedPcrSet Set, string Source, IReadOnlyList<string> Warnings) WithoutWarnings((ExpectedPcrSet Set, string Source) result) =>
        (result.Set, result.Source, []);

    private static (ExpectedPcrSet Set, string Source, IReadOnlyList<string> Warnings) FromNitroTpmPcrCompute(string? name, string? json)
    {
        var (set, warnings) = ExpectedMeasurementInput.FromNitroTpmPcrCompute(name, json);
        return (set, ExpectedMeasurementSet.NitroTpmPcrComputeSource, warnings);
    }

    /// <summary><c>enclave</c> (or absent) and <c>nitrotpm</c>.</summary>
    private static AttestationDocumentKind ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        null or "" or "enclave" or "nitroenclave" => AttestationDocumentKind.NitroEnclave,
        "nitrotpm" or "tpm" => AttestationDocumentKind.NitroTpm,
        _ => throw new FormatException($"\"kind\" is {ApiInput.Quote(kind!)}: give \"enclave\" or \"nitrotpm\"."),
    };

    internal static Results<NoContent, ProblemHttpResult> Delete(string name, HttpContext context, TrustDataOperations trustData)
    {
        ArgumentNullException.ThrowIfNull(trustData);
        return trustData.DeleteMeasurements(ApiCaller.From(context), name) is not null
            ? TypedResults.NoContent()
            : TypedResults.Problem(ApiProblems.Create(StatusCodes.Status404NotFound, ApiProblems.NotFoundCode, "No such set",
                $"There is no expected set named {ApiInput.Quote(name)}; GET /api/measurements lists them."));
    }

    // The measurement data as given, for its digest in the audit trail: the tool's JSON text (a string holds the file
    // as it was, so the digest matches sha384sum of it), or the values.
    private static byte[] DataOf(MeasurementSetBody body) => body switch
    {
        { NitroCli: { } json } => System.Text.Encoding.UTF8.GetBytes(Text(json) ?? string.Empty),
        { NitroTpmPcrCompute: { } json } => System.Text.Encoding.UTF8.GetBytes(Text(json) ?? string.Empty),
        { Pcrs: { } pcrs } => JsonSerializer.SerializeToUtf8Bytes(pcrs),
        _ => [],
    };
}
