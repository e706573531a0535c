using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Features.Measurements;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>
/// <c>/api/pcrs</c>: read every PCR or one, extend, lock, lock a range (docs/pcrs.md). Reads go to
/// <see cref="NsmStateService"/>; every mutation goes through <see cref="NsmOperations"/>, which audits it and
/// tells every open dashboard.
/// </summary>
public static class PcrEndpoints
{
    /// <summary>Maps the PCR routes.</summary>
    public static IEndpointRouteBuilder MapPcrEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var pcrs = endpoints.MapGroup("/api/pcrs").WithTags("PCRs");

        pcrs.MapGet(string.Empty, ListAsync)
            .WithName("ListPcrs")
            .WithSummary("Every PCR (0 to max_pcrs − 1) with its lock state and value, and how it compares with the expected measurement sets (expected).")
            .ProducesProblems();

        pcrs.MapGet("/{index}", GetAsync)
            .WithName("GetPcr")
            .WithSummary("One PCR.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        pcrs.MapPost("/{index}/extend", ExtendAsync)
            .WithName("ExtendPcr")
            .WithMetadata(new NsmOperationMetadata(NsmOperationKind.ExtendPcr))
            .RequireAuthorization(NsmRoles.OperatorPolicy)
            .RequireRateLimiting(RateLimitPolicies.Mutations)
            .WithSummary("Extends a PCR: PCR ← SHA-384(PCR ‖ data). Give {\"data\": \"<hex>\"} or {\"text\": \"<utf-8>\"}; \"private\": true keeps only the data's hash and length in the event log and the audit trail, \"recordData\": true keeps the data in the audit trail.")
            .ProducesProblems(
                StatusCodes.Status400BadRequest,
                StatusCodes.Status401Unauthorized,
                StatusCodes.Status403Forbidden,
                StatusCodes.Status429TooManyRequests,
                StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType);

        pcrs.MapPost("/{index}/lock", LockAsync)
            .WithName("LockPcr")
            .WithMetadata(new NsmOperationMetadata(NsmOperationKind.LockPcr))
            .RequireAuthorization(NsmRoles.OperatorPolicy)
            .RequireRateLimiting(RateLimitPolicies.Mutations)
            .WithSummary("Locks a PCR for the life of the enclave (there is no unlock).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        pcrs.MapPost("/lock", LockRangeAsync)
            .WithName("LockPcrRange")
            .WithMetadata(new NsmOperationMetadata(NsmOperationKind.LockPcrs))
            .RequireAuthorization(NsmRoles.OperatorPolicy)
            .RequireRateLimiting(RateLimitPolicies.Mutations)
            .WithSummary("Locks PCRs [0, range) for the life of the enclave; returns those PCRs after.")
            .ProducesProblems(
                StatusCodes.Status400BadRequest,
                StatusCodes.Status401Unauthorized,
                StatusCodes.Status403Forbidden,
                StatusCodes.Status429TooManyRequests,
                StatusCodes.Status404NotFound,
                StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType);

        return endpoints;
    }

    internal static async Task<Ok<PcrResponse[]>> ListAsync(NsmStateService state, ExpectedMeasurementStore expected, CancellationToken cancellationToken)
    {
        var snapshot = await state.GetSnapshotAsync(cancellationToken);
        // The live NSM is an enclave's: only Nitro Enclave sets describe its PCRs.
        var sets = expected.PcrSetsOf(AttestationDocumentKind.NitroEnclave);
        return TypedResults.Ok(snapshot.Pcrs
            .Select(p => PcrResponse.From(p) with
            {
                Expected = PcrExpectationResponse.From(MeasurementMark.For(p.Index, p.Value.Span, snapshot.IsDebugMode, sets)),
            })
            .ToArray());
    }

    internal static async Task<Results<Ok<PcrResponse>, ProblemHttpResult>> GetAsync(
        string index, NsmStateService state, CancellationToken cancellationToken)
    {
        if (!ApiInput.TryParseIndex(index, out var pcrIndex, out var problem))
        {
            return TypedResults.Problem(problem);
        }

        return TypedResults.Ok(PcrResponse.From(await state.GetPcrAsync(pcrIndex, cancellationToken)));
    }

    internal static async Task<Results<Ok<PcrResponse>, ProblemHttpResult>> ExtendAsync(
        string index, [FromBody] ExtendPcrBody? body, HttpContext context, NsmOperations operations, CancellationToken cancellationToken)
    {
        if (!ApiInput.TryParseIndex(index, out var pcrIndex, out var problem)
            || !ApiInput.TryGetExtendData(body ?? new ExtendPcrBody(), out var data, out problem))
        {
            return TypedResults.Problem(problem);
        }

        var options = new ExtendDataOptions(Private: body?.Private == true, InAuditTrail: body?.RecordData == true);
        var pcr = await operations.ExtendPcrAsync(pcrIndex, data, ApiCaller.From(context), options, cancellationToken);
        return TypedResults.Ok(PcrResponse.From(pcr));
    }

    internal static async Task<Results<Ok<PcrResponse>, ProblemHttpResult>> LockAsync(
        string index, HttpContext context, NsmOperations operations, CancellationToken cancellationToken)
    {
        if (!ApiInput.TryParseIndex(index, out var pcrIndex, out var problem))
        {
            return TypedResults.Problem(problem);
        }

        return TypedResults.Ok(PcrResponse.From(await operations.LockPcrAsync(pcrIndex, ApiCaller.From(context), cancellationToken)));
    }

    internal static async Task<Results<Ok<PcrResponse[]>, ProblemHttpResult>> LockRangeAsync(
        [FromBody] LockRangeBody? body, HttpContext context, NsmOperations operations, CancellationToken cancellationToken)
    {
        body ??= new LockRangeBody();
        switch (body.Range)
        {
            case null:
                return TypedResults.Problem(ApiProblems.InvalidArgument("Give the range to lock: {\"range\": N} locks PCRs 0 to N − 1."));
            case < 0:
                return TypedResults.Problem(ApiProblems.InvalidArgument($"\"range\" is {body.Range}; it counts PCRs from 0, so it cannot be negative."));
            case > ushort.MaxValue:
                return TypedResults.Problem(ApiProblems.InvalidIndex($"\"range\" {body.Range} is beyond every PCR index (0–31 on Nitro)."));
        }

        var pcrs = await operations.LockPcrsAsync((ushort)body.Range.Value, ApiCaller.From(context), cancellationToken);
        return TypedResults.Ok(pcrs.Select(PcrResponse.From).ToArray());
    }
}
