using NsmDashboard.Nsm.Pcrs;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>An attestation document's PCRs checked against an event log.</summary>
/// <param name="Log">Which log: imported or dashboard.</param>
/// <param name="Pcrs">Per PCR in the document or the log, by index.</param>
public sealed record EventLogCheckResponse(string Log, IReadOnlyList<DocumentPcrCheckResponse> Pcrs);

/// <summary>One PCR of a document checked against an event log.</summary>
/// <param name="Index">The PCR.</param>
/// <param name="Matches">Whether the document's value is accounted for: it equals what the log folds to (or is a boot measurement the log never touched).</param>
/// <param name="Replayed">The value the log folds to, hex; null when the log cannot tell.</param>
/// <param name="Document">The document's value, hex; null when the document does not carry this PCR (it holds only locked PCRs).</param>
/// <param name="DivergesAfter">When they differ: the last log entry that still matches (0: before the first).</param>
/// <param name="Verdict">explained, changedOutside, bootMeasured, incomplete or notCompared.</param>
/// <param name="Reason">The verdict in words.</param>
public sealed record DocumentPcrCheckResponse(
    int Index, bool Matches, string? Replayed, string? Document, long? DivergesAfter, string Verdict, string Reason)
{
    /// <summary>The response for a replay result against a document.</summary>
    public static DocumentPcrCheckResponse From(PcrReplayResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Index, result.Explained, result.ReplayedHex, result.ActualHex, result.DivergesAfter,
            ReplayResponse.VerdictName(result.Verdict), result.Reason);
    }
}
