using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Audit;

/// <summary>
/// <c>GET /api/audit?user=&amp;operation=&amp;from=&amp;to=</c>: the audit trail, filtered, as JSON; with
/// <c>download=true</c> the same JSON as an attachment (the Audit page's export).
/// </summary>
public static class AuditEndpoints
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/audit", Query)
            .WithTags("Audit")
            .WithName("Audit")
            .WithSummary("The audit trail (every mutation and attestation request, succeeded or not), oldest first; filter by user, operation (ExtendPcr, LockPcr, LockPcrs, Attestation, AddMeasurements, ReplaceMeasurements, DeleteMeasurements, ImportEventLog, ClearEventLog) and time (ISO 8601). Denied attempts are counted summaries (count, lastTime).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    internal static Results<Ok<AuditSnapshot>, ProblemHttpResult> Query(
        string? user, string? operation, string? from, string? to, bool? download, HttpContext context, AuditTrail trail)
    {
        NsmOperationKind? kind = null;
        if (!string.IsNullOrWhiteSpace(operation))
        {
            if (!Enum.TryParse<NsmOperationKind>(operation, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(operation, out _))
            {
                return TypedResults.Problem(ApiProblems.InvalidArgument($"\"operation\" must be one of {string.Join(", ", Enum.GetNames<NsmOperationKind>())}."));
            }

            kind = parsed;
        }

        if (!TryParseTime("from", from, out var fromTime, out var problem) || !TryParseTime("to", to, out var toTime, out problem))
        {
            return TypedResults.Problem(problem);
        }

        if (download == true)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"nsm-audit-{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmss'Z'}.json");
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        }

        return TypedResults.Ok(trail.Query(new AuditQuery(user, kind, fromTime, toTime)));
    }

    private static bool TryParseTime(string name, string? text, out DateTimeOffset? time, out Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        time = null;
        problem = default!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!AttestationValidationTime.TryParseTime(text, out var parsed))
        {
            problem = ApiProblems.InvalidArgument($"\"{name}\" must be a time in ISO 8601, e.g. 2026-01-31T12:00:00Z.");
            return false;
        }

        time = parsed;
        return true;
    }
}
