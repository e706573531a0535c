using System.Globalization;
using NsmDashboard.Evidence.Records;

namespace NsmDashboard.Evidence.Replay;

/// <summary>One PCR's fold through the log, with its state after every logged extend (to compare at any checkpoint).</summary>
internal sealed class PcrTrack(int index, int startEpoch)
{
    private readonly List<Step> _steps = [];
    private byte[]? _value;
    private int _epoch = startEpoch;
    private (long Chain, long Sequence)? _last;
    private ReplayVerdict? _broken;
    private long? _divergesAfter;
    private string? _reason;

    public int Index { get; } = index;

    public void Apply(int chain, long sequence, byte[]? before, byte[] after, byte[]? data, int epoch)
    {
        var lastSequence = _last?.Sequence ?? 0;
        // A gap since this PCR's last extend (or a start the file does not hold) may hide extends of it.
        var mayHaveMissed = _epoch != epoch;
        _value ??= Index >= EventLogReplay.FirstExtendablePcr ? new byte[after.Length] : before;
        if (before is null)
        {
            Break(ReplayVerdict.Incomplete, null, $"record {N(sequence)}: the value before this extend of PCR{Index} could not be read, so the step cannot be checked");
        }
        else if (_value is null || !before.AsSpan().SequenceEqual(_value))
        {
            if (mayHaveMissed)
            {
                Break(ReplayVerdict.Incomplete, null, $"record {N(sequence)} found PCR{Index} at a value the log does not lead to, after records the log lost: they may hold the extends");
            }
            else
            {
                Break(ReplayVerdict.ChangedOutside, lastSequence, $"record {N(sequence)} found PCR{Index} at a value the log does not lead to: it was extended outside the dashboard {After(lastSequence)}");
            }
        }
        else if (data is not null && !EventLogReplay.Extend(before, data).AsSpan().SequenceEqual(after))
        {
            Break(ReplayVerdict.ChangedOutside, lastSequence, $"record {N(sequence)}: the NSM's answer is not H(before ‖ data), so another extend reached PCR{Index} between reading it and extending it, {After(lastSequence)}");
        }

        _value = after;
        _epoch = epoch;
        _last = (chain, sequence);
        _steps.Add(new Step(chain, sequence, after, _steps.Count + 1, _broken, _divergesAfter, _reason));
    }

    public PcrReplayLine Uncompared()
    {
        var hex = _value is null ? null : Convert.ToHexStringLower(_value);
        return _broken is { } verdict
            ? new PcrReplayLine(Index, _steps.Count, hex, null, null, verdict, _divergesAfter, _reason!)
            : new PcrReplayLine(Index, _steps.Count, hex, null, null, ReplayVerdict.NotCompared, null,
                $"The log's {N(_steps.Count)} extend(s) of PCR{Index} fold consistently; no checkpoint with a PCR table attests its value to compare with.");
    }

    public PcrReplayLine CompareAt(int chain, long sequence, PcrValueEvidence attested, bool logLostRecords)
    {
        var step = _steps.LastOrDefault(s => s.Chain < chain || (s.Chain == chain && s.Sequence <= sequence));
        if (step is null)
        {
            return Untouched(attested, logLostRecords);
        }

        var replayed = Convert.ToHexStringLower(step.Value);
        if (step.Broken is { } verdict)
        {
            return new PcrReplayLine(Index, step.Count, replayed, attested.Value, attested.Locked, verdict, step.DivergesAfter, step.Reason!);
        }

        return string.Equals(replayed, attested.Value, StringComparison.Ordinal)
            ? new PcrReplayLine(Index, step.Count, replayed, attested.Value, attested.Locked, ReplayVerdict.Explained, null,
                $"Replaying {N(step.Count)} logged extend(s) of PCR{Index} gives exactly the value read with the checkpoint.")
            : new PcrReplayLine(Index, step.Count, replayed, attested.Value, attested.Locked, ReplayVerdict.ChangedOutside, step.Sequence,
                $"The log folds PCR{Index} to another value than the checkpoint's: it was extended outside the dashboard after record {N(step.Sequence)}.");
    }

    /// <summary>A PCR the log never extended (up to the checkpoint).</summary>
    public static PcrReplayLine Untouched(PcrValueEvidence attested, bool logLostRecords)
    {
        var index = attested.Index;
        if (index < EventLogReplay.FirstExtendablePcr)
        {
            return new PcrReplayLine(index, 0, null, attested.Value, attested.Locked, ReplayVerdict.BootMeasured, null,
                $"PCR{index} is measured at boot; the log has no extend of it. Compare it with expected measurements.");
        }

        if (!attested.Value.AsSpan().ContainsAnyExcept('0'))
        {
            return new PcrReplayLine(index, 0, null, attested.Value, attested.Locked, ReplayVerdict.Explained, null,
                $"PCR{index} was never extended, and the log has no extend of it.");
        }

        return logLostRecords
            ? new PcrReplayLine(index, 0, null, attested.Value, attested.Locked, ReplayVerdict.Incomplete, null,
                $"PCR{index} was extended, and the log has no extend of it, but it lost records that may hold them.")
            : new PcrReplayLine(index, 0, null, attested.Value, attested.Locked, ReplayVerdict.ChangedOutside, 0,
                $"PCR{index} was extended, but never through the dashboard: the log has no extend of it.");
    }

    private void Break(ReplayVerdict verdict, long? divergesAfter, string reason)
    {
        // The first break decides: a PCR changed outside stays unexplained whatever follows.
        if (_broken is null || (_broken == ReplayVerdict.Incomplete && verdict == ReplayVerdict.ChangedOutside))
        {
            _broken = verdict;
            _divergesAfter = divergesAfter;
            _reason = reason;
        }
    }

    private static string After(long sequence) =>
        sequence == 0 ? "before its first logged extend" : $"after record {N(sequence)}";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Step(int Chain, long Sequence, byte[] Value, long Count, ReplayVerdict? Broken, long? DivergesAfter, string? Reason);
}
