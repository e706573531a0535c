namespace NsmDashboard.Nsm.Pcrs;

/// <summary>The replay of one PCR: what the log folds to, what the PCR holds, and where they part.</summary>
/// <param name="Index">The PCR.</param>
/// <param name="Verdict">The outcome.</param>
/// <param name="Replayed">The value the log folds to; <see langword="null"/> when the log cannot tell (incomplete, or no start value).</param>
/// <param name="Actual">The value compared with (live, or the document's); <see langword="null"/> when there is none.</param>
/// <param name="DivergesAfter">
/// For <see cref="PcrReplayVerdict.ChangedOutside"/>: the sequence number of the last entry that still matches the
/// PCR's history (0 when it diverges before the first entry); the out-of-band change happened after it.
/// </param>
/// <param name="EntryCount">How many log entries concern this PCR.</param>
/// <param name="Reason">The verdict in words, naming the entries concerned.</param>
public sealed record PcrReplayResult(
    ushort Index,
    PcrReplayVerdict Verdict,
    ReadOnlyMemory<byte>? Replayed,
    ReadOnlyMemory<byte>? Actual,
    long? DivergesAfter,
    int EntryCount,
    string Reason)
{
    /// <summary>Whether the PCR's value is accounted for (by the log, or by the boot for a locked PCR0–15 the log never touched).</summary>
    public bool Explained => Verdict is PcrReplayVerdict.Explained or PcrReplayVerdict.BootMeasured;

    /// <summary><see cref="Replayed"/> as lowercase hex, or <see langword="null"/>.</summary>
    public string? ReplayedHex => Replayed is { } value ? Convert.ToHexStringLower(value.Span) : null;

    /// <summary><see cref="Actual"/> as lowercase hex, or <see langword="null"/>.</summary>
    public string? ActualHex => Actual is { } value ? Convert.ToHexStringLower(value.Span) : null;
}
