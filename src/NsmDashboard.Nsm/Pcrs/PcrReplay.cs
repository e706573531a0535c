using System.Globalization;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Pcrs;

/// <summary>
/// Replays the event log of one PCR: from the PCR's start value, fold <c>H(value ‖ data)</c> over its entries
/// (docs/pcrs.md#replay) and compare the result with the PCR's actual value.
/// </summary>
/// <remarks>
/// <para>The start value is 48 zero bytes for PCR16–31 (their value at enclave start), and the first entry's
/// "before" for PCR0–15 (set at boot, before any log could see them).</para>
/// <para>The fold also checks continuity: each entry's "before" must equal the value the previous entries fold to,
/// and the NSM's answer must be <c>H(before ‖ data)</c>. Where either fails, something extended the PCR between two
/// logged extends. A private entry (no data) contributes its recorded "after", still checked for continuity.</para>
/// </remarks>
public static class PcrReplay
{
    /// <summary>Replays one PCR.</summary>
    /// <param name="index">The PCR.</param>
    /// <param name="entries">The log's extends of this PCR, in order.</param>
    /// <param name="missingThrough">When part of this PCR's history is missing: the last sequence number lost.</param>
    /// <param name="actual">The value to compare with; <see langword="null"/> for none.</param>
    /// <param name="actualLocked">Whether the PCR is locked (a locked PCR0–15 the log never touched is explained by the boot).</param>
    public static PcrReplayResult Run(
        ushort index, IReadOnlyList<IPcrReplayStep> entries, long? missingThrough, ReadOnlyMemory<byte>? actual, bool actualLocked)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (missingThrough is { } gap)
        {
            return new(index, PcrReplayVerdict.Incomplete, null, actual, null, entries.Count, Text(
                $"The log lost PCR{index}'s history up to entry #{gap} (capacity reached, or a value that could not be read), so it cannot explain the value."));
        }

        ReadOnlyMemory<byte> value;
        if (index >= NsmLimits.BootLockedPcrCount)
        {
            value = new byte[actual?.Length ?? (entries.Count > 0 ? entries[0].Before.Length : NsmLimits.PcrLength)];
        }
        else if (entries.Count > 0)
        {
            value = entries[0].Before;
        }
        else
        {
            return actualLocked
                ? new(index, PcrReplayVerdict.BootMeasured, null, actual, null, 0, Text(
                    $"PCR{index} is measured at boot and locked; the log has no extend of it. Compare it with expected measurements."))
                : new(index, PcrReplayVerdict.Incomplete, null, actual, null, 0, Text(
                    $"PCR{index} is not locked and the log has no extend of it, so its start value is unknown."));
        }

        long last = 0;
        foreach (var entry in entries)
        {
            if (!entry.Before.Span.SequenceEqual(value.Span))
            {
                return Diverged(index, value, actual, last, entries.Count, Text(
                    $"Entry #{entry.Sequence} found PCR{index} at a value the log does not lead to: it was extended outside this dashboard {After(last)}."));
            }

            var next = entry.Data is { } data ? PcrExtension.Fold(value.Span, data.Span) : entry.After;
            if (!next.Span.SequenceEqual(entry.After.Span))
            {
                return Diverged(index, value, actual, last, entries.Count, Text(
                    $"Entry #{entry.Sequence}: the NSM's answer is not H(before ‖ data), so another extend reached PCR{index} between reading it and extending it, {After(last)}."));
            }

            value = next;
            last = entry.Sequence;
        }

        if (actual is not { } actualValue)
        {
            return new(index, PcrReplayVerdict.NotCompared, value, null, null, entries.Count, Text(
                $"The log folds PCR{index} to this value; there is nothing to compare it with."));
        }

        return actualValue.Span.SequenceEqual(value.Span)
            ? new(index, PcrReplayVerdict.Explained, value, actual, null, entries.Count, Text(
                $"Replaying {entries.Count} logged extend(s) of PCR{index} gives exactly its value."))
            : Diverged(index, value, actual, last, entries.Count, Text(
                $"The log folds PCR{index} to another value: it was extended outside this dashboard {After(last)}."));
    }

    private static PcrReplayResult Diverged(
        ushort index, ReadOnlyMemory<byte> replayed, ReadOnlyMemory<byte>? actual, long last, int count, string reason) =>
        new(index, PcrReplayVerdict.ChangedOutside, replayed, actual, last, count, reason);

    private static string After(long last) =>
        last == 0 ? "before the first logged extend" : string.Create(CultureInfo.InvariantCulture, $"after entry #{last}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
