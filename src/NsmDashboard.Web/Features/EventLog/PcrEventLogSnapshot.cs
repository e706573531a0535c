using NsmDashboard.Nsm.Pcrs;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// The PCR event log at one moment: its entries in order, and for every PCR whose history is not complete the
/// sequence number up to which it is missing (entries dropped at capacity, or an extend whose "before" could not
/// be read). A replay of such a PCR cannot explain its value and says so.
/// </summary>
/// <param name="Entries">The entries, by ascending <see cref="PcrEventLogEntry.Sequence"/>.</param>
/// <param name="Gaps">PCR index → the last sequence number of that PCR's history that is missing.</param>
public sealed record PcrEventLogSnapshot(IReadOnlyList<PcrEventLogEntry> Entries, IReadOnlyDictionary<ushort, long> Gaps)
{
    /// <summary>An empty log.</summary>
    public static PcrEventLogSnapshot Empty { get; } = new([], new Dictionary<ushort, long>());

    /// <summary>The highest sequence number in the log, or 0 when it is empty.</summary>
    public long LastSequence => Entries.Count == 0 ? 0 : Entries[^1].Sequence;

    /// <summary>The entries of one PCR, in order.</summary>
    public IReadOnlyList<PcrEventLogEntry> For(ushort index) => [.. Entries.Where(e => e.Index == index)];

    /// <summary>The PCR indices the log has entries or gaps for, ascending.</summary>
    public IReadOnlyList<ushort> Indices => [.. Entries.Select(e => e.Index).Concat(Gaps.Keys).Distinct().Order()];

    /// <summary>Replays one PCR of this log against a value (live, or from a document); see <see cref="PcrReplay"/>.</summary>
    public PcrReplayResult Replay(ushort index, ReadOnlyMemory<byte>? actual, bool actualLocked) =>
        PcrReplay.Run(index, For(index), Gaps.TryGetValue(index, out var gap) ? gap : null, actual, actualLocked);
}
