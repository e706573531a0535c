namespace NsmDashboard.Web.Features.EventLog;

/// <summary>One event log entry: an extend made through the dashboard.</summary>
/// <param name="Sequence">The entry's position in the log, from 1, across all PCRs.</param>
/// <param name="Index">The PCR extended.</param>
/// <param name="DataSha384">SHA-384 of the extend data, lowercase hex.</param>
/// <param name="DataLength">Length of the extend data in bytes.</param>
/// <param name="Data">The extend data as hex; null when it was marked private (only hash and length recorded) or let go (<c>dataDropped</c>).</param>
/// <param name="Before">The PCR just before the extend, hex.</param>
/// <param name="After">The PCR after the extend as the NSM returned it, hex.</param>
/// <param name="User">Who extended: the signed-in user, or the caller's channel and id.</param>
/// <param name="Time">When the NSM answered.</param>
/// <param name="DataDropped">True when the data was recorded but later let go to keep the log within its memory budget.</param>
/// <param name="Prev">SHA-384 of the previous record of the event-log chain (informational here; <c>GET /api/eventlog/export</c> gives the provable form).</param>
/// <param name="Hash">SHA-384 of this record's canonical bytes (informational here).</param>
public sealed record EventLogEntryDocument(
    long? Sequence = null,
    int? Index = null,
    string? DataSha384 = null,
    int? DataLength = null,
    string? Data = null,
    string? Before = null,
    string? After = null,
    string? User = null,
    DateTimeOffset? Time = null,
    bool? DataDropped = null,
    string? Prev = null,
    string? Hash = null);
