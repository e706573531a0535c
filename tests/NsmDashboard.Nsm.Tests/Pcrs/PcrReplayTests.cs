using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Pcrs;

/// <summary>Replay (docs/pcrs.md#replay): a log of extends folded from the PCR's start value and compared with it.</summary>
public sealed class PcrReplayTests
{
    private static readonly byte[] Zero = new byte[NsmLimits.PcrLength];

    // docs/pcrs.md#extend: zero PCR ‖ 010203, then that ‖ 040506.
    private static readonly byte[] First = Convert.FromHexString("cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e");
    private static readonly byte[] Second = PcrExtension.Compute(NsmDigest.Sha384, First, [4, 5, 6]);

    [Fact]
    public void A_log_that_folds_to_the_live_value_explains_it()
    {
        var result = PcrReplay.Run(16, [Step(1, Zero, [1, 2, 3], First), Step(2, First, [4, 5, 6], Second)], null, Second, false);

        Assert.Equal(PcrReplayVerdict.Explained, result.Verdict);
        Assert.True(result.Explained);
        Assert.Equal(Second, result.Replayed!.Value.ToArray());
        Assert.Equal(2, result.EntryCount);
    }

    [Fact]
    public void A_private_step_contributes_its_recorded_after()
    {
        var result = PcrReplay.Run(16, [Step(1, Zero, null, First), Step(2, First, [4, 5, 6], Second)], null, Second, false);

        Assert.Equal(PcrReplayVerdict.Explained, result.Verdict);
    }

    [Fact]
    public void An_extend_made_elsewhere_after_the_log_is_found_after_its_last_entry()
    {
        var outside = PcrExtension.Compute(NsmDigest.Sha384, Second, "rogue"u8);

        var result = PcrReplay.Run(16, [Step(1, Zero, [1, 2, 3], First), Step(2, First, [4, 5, 6], Second)], null, outside, false);

        Assert.Equal(PcrReplayVerdict.ChangedOutside, result.Verdict);
        Assert.Equal(2, result.DivergesAfter);
    }

    [Fact]
    public void An_extend_made_elsewhere_between_two_entries_is_found_between_them()
    {
        var moved = PcrExtension.Compute(NsmDigest.Sha384, First, "rogue"u8);
        var after = PcrExtension.Compute(NsmDigest.Sha384, moved, [4, 5, 6]);

        var result = PcrReplay.Run(16, [Step(1, Zero, [1, 2, 3], First), Step(2, moved, [4, 5, 6], after)], null, after, false);

        Assert.Equal(PcrReplayVerdict.ChangedOutside, result.Verdict);
        Assert.Equal(1, result.DivergesAfter);
        Assert.Contains("Entry #2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_that_is_not_the_extend_of_its_before_is_a_race_with_another_extend()
    {
        var raced = PcrExtension.Compute(NsmDigest.Sha384, Second, [9]);

        var result = PcrReplay.Run(16, [Step(1, Zero, [1, 2, 3], raced)], null, raced, false);

        Assert.Equal(PcrReplayVerdict.ChangedOutside, result.Verdict);
        Assert.Equal(0, result.DivergesAfter);
    }

    [Fact]
    public void Lost_history_is_incomplete_never_explained()
    {
        var result = PcrReplay.Run(16, [Step(5, First, [4, 5, 6], Second)], 4, Second, false);

        Assert.Equal(PcrReplayVerdict.Incomplete, result.Verdict);
        Assert.False(result.Explained);
    }

    [Fact]
    public void A_boot_locked_PCR_the_log_never_touched_is_a_boot_measurement()
    {
        Assert.Equal(PcrReplayVerdict.BootMeasured, PcrReplay.Run(0, [], null, First, true).Verdict);
        Assert.Equal(PcrReplayVerdict.Incomplete, PcrReplay.Run(15, [], null, First, false).Verdict);
    }

    [Fact]
    public void A_boot_PCR_replays_from_its_first_logged_before()
    {
        var after = PcrExtension.Compute(NsmDigest.Sha384, First, [7]);

        Assert.Equal(PcrReplayVerdict.Explained, PcrReplay.Run(3, [Step(1, First, [7], after)], null, after, false).Verdict);
    }

    [Fact]
    public void Without_a_value_to_compare_the_fold_is_reported_alone()
    {
        var result = PcrReplay.Run(16, [Step(1, Zero, [1, 2, 3], First)], null, null, false);

        Assert.Equal(PcrReplayVerdict.NotCompared, result.Verdict);
        Assert.Equal(First, result.Replayed!.Value.ToArray());
    }

    private static ReplayStep Step(long sequence, byte[] before, byte[]? data, byte[] after) =>
        new ReplayStep(sequence, before, data is null ? (ReadOnlyMemory<byte>?)null : data, after);

    private sealed record ReplayStep(long Sequence, ReadOnlyMemory<byte> Before, ReadOnlyMemory<byte>? Data, ReadOnlyMemory<byte> After)
        : IPcrReplayStep;
}
