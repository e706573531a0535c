using System.Text.Json.Serialization;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// The PCR event log: what <c>GET /api/eventlog</c> returns and <c>POST /api/eventlog/import</c> takes back
/// (an export imports unchanged).
/// </summary>
/// <param name="Capacity">How many entries the exporting dashboard keeps at most (informational on import).</param>
/// <param name="Entries">The entries, by ascending sequence.</param>
/// <param name="Gaps">PCRs whose history is partly missing; their replay is incomplete.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record EventLogDocument(
    int? Capacity = null,
    IReadOnlyList<EventLogEntryDocument>? Entries = null,
    IReadOnlyList<EventLogGapDocument>? Gaps = null);
