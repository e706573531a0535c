using NsmDashboard.Nsm.Pcrs;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>The replay of one PCR's event log against its live value.</summary>
/// <param name="Index">The PCR.</param>
/// <param name="Explained">Whether the live value is accounted for: by the log, or by the boot for a locked PCR0–15 the log never touched.</param>
/// <param name="Replayed">The value the log folds to, hex; null when the log cannot tell (history missing, no start value).</param>
/// <param name="Live">The live value, hex.</param>
/// <param name="DivergesAfter">
/// When the PCR was changed outside this dashboard: the sequence number of the last log entry that still matches
/// (0: before the first); null otherwise.
/// </param>
/// <param name="Verdict">explained, changedOutside, bootMeasured or incomplete.</param>
/// <param name="Entries">How many log entries concern this PCR.</param>
/// <param name="Reason">The verdict in words.</param>
public sealed record ReplayResponse(
    int Index, bool Explained, string? Replayed, string? Live, long? DivergesAfter, string Verdict, int Entries, string Reason)
{
    /// <summary>The response for a replay result.</summary>
    public static ReplayResponse From(PcrReplayResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Index, result.Explained, result.ReplayedHex, result.ActualHex, result.DivergesAfter,
            VerdictName(result.Verdict), result.EntryCount, result.Reason);
    }

    /// <summary>The verdict as the API names it (camelCase).</summary>
    public static string VerdictName(PcrReplayVerdict verdict)
    {
        var name = verdict.ToString();
        return string.Concat(name[..1].ToLowerInvariant(), name[1..]);
    }
}
