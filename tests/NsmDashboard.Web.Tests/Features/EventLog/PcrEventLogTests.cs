using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.EventLog;

// The event log as NsmOperations feeds it, and its replay against the emulator's live PCRs.
public sealed class PcrEventLogTests : NsmDashboardTestContext
{
    private static readonly NsmCaller Alice = NsmCaller.Dashboard("c1") with { User = "alice", Role = NsmRoles.Operator };

    private PcrEventLog Log => Services.GetRequiredService<PcrEventLog>();

    private PcrReplayService Replay => Services.GetRequiredService<PcrReplayService>();

    [Fact]
    public async Task Extends_through_the_dashboard_are_logged_in_order_and_replay_to_the_live_value()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await Operations.ExtendPcrAsync(16, "a"u8.ToArray(), Alice, ct);
        await Operations.ExtendPcrAsync(17, "b"u8.ToArray(), OtherOperator, ct);
        var third = await Operations.ExtendPcrAsync(16, "c"u8.ToArray(), Alice, ct);

        var entries = Log.Snapshot().Entries;
        Assert.Equal([1L, 2, 3], entries.Select(e => e.Sequence));
        Assert.Equal([(ushort)16, 17, 16], entries.Select(e => e.Index));
        Assert.Equal("alice", entries[0].User);
        Assert.Equal(OtherOperator.User, entries[1].User);
        Assert.Equal(new byte[48], entries[0].Before.ToArray());
        Assert.Equal(first.Value.ToArray(), entries[2].Before.ToArray());
        Assert.Equal(third.Value.ToArray(), entries[2].After.ToArray());
        Assert.Equal("c"u8.ToArray(), entries[2].Data!.Value.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA384.HashData("c"u8)), entries[2].DataSha384);

        var result = await Replay.ReplayAsync(16, ct);
        Assert.Equal(PcrReplayVerdict.Explained, result.Verdict);
        Assert.True(result.Explained);
        Assert.Equal(third.Hex, result.ReplayedHex);
        Assert.Null(result.DivergesAfter);
        Assert.Equal(2, result.EntryCount);
    }

    [Fact]
    public async Task An_extend_through_the_transport_is_detected_with_the_last_matching_entry()
    {
        var ct = TestContext.Current.CancellationToken;
        await Operations.ExtendPcrAsync(20, "one"u8.ToArray(), Alice, ct);
        await Operations.ExtendPcrAsync(20, "two"u8.ToArray(), Alice, ct);

        // Another process in the enclave: straight to the NSM, bypassing NsmOperations.
        await new NsmClient(Emulator).ExtendPcrAsync(20, "outside"u8.ToArray(), ct);
        var outOfBand = await Replay.ReplayAsync(20, ct);

        await Operations.ExtendPcrAsync(20, "three"u8.ToArray(), Alice, ct);
        var afterMore = await Replay.ReplayAsync(20, ct);

        Assert.Equal(PcrReplayVerdict.ChangedOutside, outOfBand.Verdict);
        Assert.False(outOfBand.Explained);
        Assert.Equal(2, outOfBand.DivergesAfter);
        Assert.NotEqual(outOfBand.ReplayedHex, outOfBand.ActualHex);
        // A later logged extend starts from a value the log does not lead to: still diverged after entry 2.
        Assert.Equal(PcrReplayVerdict.ChangedOutside, afterMore.Verdict);
        Assert.Equal(2, afterMore.DivergesAfter);
        Assert.Contains("#3", afterMore.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_of_band_extend_before_any_logged_one_diverges_after_zero()
    {
        var ct = TestContext.Current.CancellationToken;
        await new NsmClient(Emulator).ExtendPcrAsync(21, "early"u8.ToArray(), ct);

        var result = await Replay.ReplayAsync(21, ct);

        Assert.Equal(PcrReplayVerdict.ChangedOutside, result.Verdict);
        Assert.Equal(0, result.DivergesAfter);
        Assert.Equal(new string('0', 96), result.ReplayedHex);
    }

    [Fact]
    public async Task A_private_extend_keeps_only_hash_and_length_and_still_replays()
    {
        var ct = TestContext.Current.CancellationToken;
        byte[] secret = [9, 8, 7, 6];
        await Operations.ExtendPcrAsync(22, secret, Alice, new ExtendDataOptions(Private: true), ct);
        await Operations.ExtendPcrAsync(22, "public"u8.ToArray(), Alice, ct);

        var entry = Log.Snapshot().Entries[0];
        var result = await Replay.ReplayAsync(22, ct);

        Assert.True(entry.IsPrivate);
        Assert.Null(entry.Data);
        Assert.Equal(4, entry.DataLength);
        Assert.Equal(Convert.ToHexStringLower(SHA384.HashData(secret)), entry.DataSha384);
        Assert.Equal(PcrReplayVerdict.Explained, result.Verdict);
    }

    [Fact]
    public async Task Refused_extends_locks_and_attestations_are_not_logged()
    {
        var ct = TestContext.Current.CancellationToken;
        await Operations.LockPcrAsync(23, Alice, ct);
        await Assert.ThrowsAsync<NsmException>(() => Operations.ExtendPcrAsync(23, "x"u8.ToArray(), Alice, ct));
        await Assert.ThrowsAsync<NsmException>(() => Operations.ExtendPcrAsync(3, "x"u8.ToArray(), Alice, ct));

        Assert.Empty(Log.Snapshot().Entries);
        Assert.Equal(PcrReplayVerdict.Explained, (await Replay.ReplayAsync(23, ct)).Verdict);
    }

    [Fact]
    public async Task A_locked_boot_PCR_the_log_never_touched_is_boot_measured()
    {
        var result = await Replay.ReplayAsync(0, TestContext.Current.CancellationToken);

        Assert.Equal(PcrReplayVerdict.BootMeasured, result.Verdict);
        Assert.True(result.Explained);
        Assert.Null(result.Replayed);
    }

    [Fact]
    public async Task Replay_all_covers_every_PCR()
    {
        var ct = TestContext.Current.CancellationToken;
        await Operations.ExtendPcrAsync(16, "a"u8.ToArray(), Alice, ct);

        var results = await Replay.ReplayAllAsync(ct);

        Assert.Equal(32, results.Count);
        Assert.All(results, r => Assert.True(r.Explained, r.Reason));
    }

    [Fact]
    public void A_log_over_capacity_drops_the_oldest_and_says_it_cannot_explain_that_PCR()
    {
        var log = new PcrEventLog(Options.Create(new PcrEventLogOptions { Capacity = 2 }));
        var value = new byte[48];
        for (var i = 0; i < 3; i++)
        {
            var next = PcrExtension.Fold(value, [(byte)i]).ToArray();
            log.Record(Extend(16, [(byte)i], value, next));
            value = next;
        }

        log.Record(Extend(17, [1], new byte[48], PcrExtension.Fold(new byte[48], [1]).ToArray()));
        var snapshot = log.Snapshot();
        var result = snapshot.Replay(16, value, actualLocked: false);

        Assert.Equal([3L, 4], snapshot.Entries.Select(e => e.Sequence));
        Assert.Equal(PcrReplayVerdict.Incomplete, result.Verdict);
        Assert.False(result.Explained);
        Assert.Null(result.Replayed);
        Assert.Contains("#2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capacity_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PcrEventLog(Options.Create(new PcrEventLogOptions { Capacity = 0 })));
    }

    private static NsmOperationRecord Extend(ushort index, byte[] data, byte[] before, byte[] after) =>
        new(DateTimeOffset.UnixEpoch, Alice, NsmOperationKind.ExtendPcr, index, NsmOperationOutcome.Succeeded)
        {
            Data = data,
            DataSha384 = Convert.ToHexStringLower(SHA384.HashData(data)),
            DataLength = data.Length,
            Before = [new PcrState(index, false, before)],
            After = [new PcrState(index, false, after)],
        };
}

