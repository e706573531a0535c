namespace NsmDashboard.Cli.Parsing;

/// <summary>What <c>verify --at</c> asked for: the document's own timestamp, a given time, or (neither) now.</summary>
/// <param name="AtDocumentTime">Check at the document's own timestamp.</param>
/// <param name="Time">Check at this time.</param>
internal sealed record ValidationTimeRequest(bool AtDocumentTime, DateTimeOffset? Time);
