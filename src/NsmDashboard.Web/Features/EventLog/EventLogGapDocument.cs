namespace NsmDashboard.Web.Features.EventLog;

/// <summary>A PCR whose history is partly missing from the log (entries dropped at capacity).</summary>
/// <param name="Index">The PCR.</param>
/// <param name="MissingThrough">The last sequence number of its history that is missing.</param>
public sealed record EventLogGapDocument(int? Index = null, long? MissingThrough = null);
