using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Evidence;

/// <summary>
/// The audit trail and the event log as evidence (docs/audit-trail.md): for each stream, <c>GET …/export?after=SEQ</c>
/// streams the chain as JSON lines from a cursor, <c>GET …/checkpoint?nonce=HEX</c> has its head attested now, and
/// <c>GET …/chain</c> describes it. Pull, don't push: the dashboard never sends these anywhere on its own.
/// </summary>
public static class EvidenceEndpoints
{
    /// <summary>The media type of an export: JSON lines.</summary>
    public const string JsonLines = "application/jsonl; charset=utf-8";

    /// <summary>The response header naming the chain an export comes from.</summary>
    public const string ChainHeader = "X-Evidence-Chain";

    /// <summary>The problem code when the cursor lies beyond the head of the chain it names (or of the current one).</summary>
    public const string CursorBeyondHeadCode = "CursorBeyondHead";

    private const int MaxNonceBytes = 512;
    private const int MaxWaitSeconds = 300;

    /// <summary>Maps the routes of both streams.</summary>
    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var stream in (ReadOnlySpan<EvidenceLog>)[EvidenceLog.Audit, EvidenceLog.EventLog])
        {
            var name = stream.Name();
            var tag = stream == EvidenceLog.Audit ? "Audit" : "Event log";
            endpoints.MapGet($"/api/{name}/export", (HttpContext context, string? after, string? chain, string? wait, EvidenceCheckpoints checkpoints, AuditTrail audit, PcrEventLog log) =>
                    ExportAsync(context, stream, after, chain, wait, checkpoints, audit, log))
                .WithTags(tag)
                .WithName(stream == EvidenceLog.Audit ? "ExportAuditTrail" : "ExportEventLog")
                .WithSummary($"Streams the {name} chain as JSON lines (docs/audit-trail.md) after the cursor `after` (-1: from the genesis), up to the head as it was when the request began, with the dashboard's own checkpoints after the records they attest; `chain` names the chain the cursor belongs to (another one: start at this run's genesis); `wait` (seconds, 0–300) keeps the response open while there is nothing new (a long poll; a stopping dashboard sends its shutdown checkpoints first).")
                .Produces<string>(StatusCodes.Status200OK, "application/jsonl")
                .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status409Conflict);
            endpoints.MapGet($"/api/{name}/checkpoint", (HttpContext context, string? nonce, EvidenceCheckpoints checkpoints, CancellationToken cancellationToken) =>
                    CheckpointAsync(context, stream, nonce, checkpoints, cancellationToken))
                .WithTags(tag)
                .WithName(stream == EvidenceLog.Audit ? "CheckpointAuditTrail" : "CheckpointEventLog")
                .WithSummary($"Has the {name} chain's head attested now over the caller's nonce (hex, 1–512 bytes): a checkpoint line whose document binds the head, the chain id and every PCR (docs/audit-trail.md, \"Checkpoints\"). Audited.")
                .Produces<string>(StatusCodes.Status200OK, "application/json")
                .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests)
                .RequireRateLimiting(Security.RateLimitPolicies.Attestation);
            endpoints.MapGet($"/api/{name}/chain", (EvidenceCheckpoints checkpoints, AuditTrail audit, PcrEventLog log) =>
                    TypedResults.Ok(Status(stream, checkpoints, audit, log)))
                .WithTags(tag)
                .WithName(stream == EvidenceLog.Audit ? "AuditChainStatus" : "EventLogChainStatus")
                .WithSummary($"The {name} chain: its id, module, head, what memory holds and dropped, and the newest checkpoint.")
                .ProducesProblems(StatusCodes.Status401Unauthorized);
        }

        return endpoints;
    }

    /// <summary>A chain's status.</summary>
    public static ChainStatusResponse Status(EvidenceLog stream, EvidenceCheckpoints checkpoints, AuditTrail audit, PcrEventLog log)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(log);
        var (genesis, head, count, capacity, dropped, lost) = stream == EvidenceLog.Audit
            ? (audit.Chain.Genesis, audit.Chain.Head, audit.Chain.Count, audit.Chain.Capacity, audit.Chain.Dropped, audit.Chain.Lost)
            : (log.Chain.Genesis, log.Chain.Head, log.Chain.Count, log.Chain.Capacity, log.Chain.Dropped, log.Chain.Lost);
        var latest = checkpoints.Latest(stream);
        return new ChainStatusResponse(
            stream.Name(), head.ChainId.ToString(), genesis.ModuleId, genesis.Time, head.Sequence, head.Hash.ToString(),
            count, capacity, dropped, lost,
            latest is null ? null : CheckpointSummary.From(latest, checkpoints.LatestTime(stream)),
            checkpoints.Kept(stream).Count);
    }

    internal static async Task ExportAsync(
        HttpContext context, EvidenceLog stream, string? after, string? chain, string? wait, EvidenceCheckpoints checkpoints, AuditTrail audit, PcrEventLog log)
    {
        var waitSeconds = 0;
        if (!string.IsNullOrWhiteSpace(wait)
            && (!int.TryParse(wait, NumberStyles.None, CultureInfo.InvariantCulture, out waitSeconds) || waitSeconds > MaxWaitSeconds))
        {
            await WriteProblemAsync(context, ApiProblems.InvalidArgument($"\"wait\" is {ApiInput.Quote(wait)}; give 0 to {MaxWaitSeconds} seconds."));
            return;
        }

        long cursor = -1;
        if (!string.IsNullOrWhiteSpace(after)
            && (!long.TryParse(after, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out cursor) || cursor < -1))
        {
            await WriteProblemAsync(context, ApiProblems.InvalidArgument($"\"after\" is {ApiInput.Quote(after)}; give the last sequence number you have, or -1 for everything from the genesis."));
            return;
        }

        EvidenceHash? named = null;
        if (!string.IsNullOrWhiteSpace(chain))
        {
            if (!EvidenceHash.TryParse(chain, out var parsed))
            {
                await WriteProblemAsync(context, ApiProblems.InvalidArgument($"\"chain\" is {ApiInput.Quote(chain)}; give a chain id (96 lowercase hex digits) or nothing."));
                return;
            }

            named = parsed;
        }

        var head = stream == EvidenceLog.Audit ? audit.Chain.Head : log.Chain.Head;
        // A cursor into another chain (the dashboard restarted since): this run's chain, from its genesis.
        if (named is { } id && id != head.ChainId)
        {
            cursor = -1;
        }

        if (cursor > head.Sequence)
        {
            await WriteProblemAsync(context, ApiProblems.Create(StatusCodes.Status409Conflict, CursorBeyondHeadCode, "Cursor beyond the head",
                string.Create(CultureInfo.InvariantCulture, $"This run's {stream.Name()} chain ({head.ChainId.ToShortString()}…) ends at record {head.Sequence}, before {cursor}: the cursor belongs to another run. Give chain=<your chain id> to start at this run's genesis.")));
            return;
        }

        context.Response.ContentType = JsonLines;
        context.Response.Headers[ChainHeader] = head.ChainId.ToString();
        context.Response.Headers.CacheControl = "no-store";
        // The headers go now: a long poll may write nothing for a while, and the caller should know it was heard. (The
        // flush is what sends them on servers that wait for the first write of the body, such as the test host.)
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var waitFor = TimeSpan.FromSeconds(waitSeconds);
        await (stream == EvidenceLog.Audit
            ? new EvidenceExport<AuditEvidence>(audit.Chain, checkpoints, context.Response.Body).WriteAsync(cursor, waitFor, context.RequestAborted)
            : new EvidenceExport<PcrExtendEvidence>(log.Chain, checkpoints, context.Response.Body).WriteAsync(cursor, waitFor, context.RequestAborted));
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> CheckpointAsync(
        HttpContext context, EvidenceLog stream, string? nonce, EvidenceCheckpoints checkpoints, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(nonce))
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument(
                "Give a fresh random nonce: ?nonce=<hex>, 1 to 512 bytes. The document must echo it, or it could be a replay."));
        }

        if (!ApiInput.TryParseHex("nonce", nonce, out var nonceBytes, out var problem))
        {
            return TypedResults.Problem(problem);
        }

        if (nonceBytes.Length is 0 or > MaxNonceBytes)
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument(
                string.Create(CultureInfo.InvariantCulture, $"\"nonce\" has {nonceBytes.Length} bytes; give 1 to {MaxNonceBytes} (32 random bytes are plenty).")));
        }

        var line = await checkpoints.TakeAsync(stream, nonceBytes, CheckpointLine.TakenOnRequest, ApiCaller.From(context).Address, cancellationToken);
        return TypedResults.Text(Encoding.UTF8.GetString(CanonicalJson.Serialize(line.ToObject())), "application/json", Encoding.UTF8);
    }

    private static async Task WriteProblemAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        await TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
