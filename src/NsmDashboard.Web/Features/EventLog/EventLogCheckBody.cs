using System.Text.Json.Serialization;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>The body of <c>POST /api/eventlog/check</c>.</summary>
/// <param name="Document">The attestation document (COSE_Sign1) as base64 or hex.</param>
/// <param name="Log"><c>imported</c> (the log kept by <c>POST /api/eventlog/import</c>) or <c>dashboard</c> (this dashboard's own); absent: the imported one when there is one.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record EventLogCheckBody(string? Document = null, string? Log = null);
