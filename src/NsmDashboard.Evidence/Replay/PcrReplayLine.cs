namespace NsmDashboard.Evidence.Replay;

/// <summary>One PCR replayed from an exported event log.</summary>
/// <param name="Index">The PCR.</param>
/// <param name="Extends">How many logged extends of it the replay folded (up to the compared checkpoint).</param>
/// <param name="Replayed">The value the log folds to, lowercase hex; null when it never extended the PCR.</param>
/// <param name="Attested">The value read with the compared checkpoint, lowercase hex; null without one.</param>
/// <param name="Locked">Whether the PCR was locked at that checkpoint; null without one.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="DivergesAfter">For <see cref="ReplayVerdict.ChangedOutside"/>: the last record that still matches (0: before the first).</param>
/// <param name="Reason">The verdict in words.</param>
public sealed record PcrReplayLine(
    int Index, long Extends, string? Replayed, string? Attested, bool? Locked, ReplayVerdict Verdict, long? DivergesAfter, string Reason);
