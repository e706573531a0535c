using System.Security.Cryptography;
using System.Text;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Evidence.Replay;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Evidence.Tests;

/// <summary>The replay of an exported event log against the PCR table of its newest checkpoint.</summary>
public sealed class EventLogReplayTests : IDisposable
{
    private readonly EmulatedModule _module = new();
    private EvidenceChain<PcrExtendEvidence> _chain;

    public EventLogReplayTests()
    {
        _chain = NewChain();
    }

    public void Dispose() => _module.Dispose();

    [Fact]
    public void Extends_made_through_the_log_are_explained_and_untouched_PCRs_are_boot_measured_or_zero()
    {
        Extend(16, "one");
        Extend(17, "two");
        Extend(16, "three");

        var report = Replay(Export());

        Assert.Equal(ReplayVerdict.Explained, Line(report, 16).Verdict);
        Assert.Equal(2, Line(report, 16).Extends);
        Assert.Equal(ReplayVerdict.Explained, Line(report, 17).Verdict);
        Assert.Equal(ReplayVerdict.BootMeasured, Line(report, 0).Verdict);
        Assert.Equal(ReplayVerdict.Explained, Line(report, 20).Verdict);
        Assert.Equal(Line(report, 16).Attested, Line(report, 16).Replayed);
    }

    [Fact]
    public void An_extend_behind_the_logs_back_after_the_last_record_is_changed_outside()
    {
        Extend(16, "one");
        Extend(16, "two");
        _module.Extend(16, "sneaky"u8.ToArray());

        var line = Line(Replay(Export()), 16);

        Assert.Equal(ReplayVerdict.ChangedOutside, line.Verdict);
        Assert.Equal(2, line.DivergesAfter);
        Assert.NotEqual(line.Attested, line.Replayed);
    }

    [Fact]
    public void An_extend_behind_the_logs_back_between_two_records_is_found_at_the_next_one()
    {
        Extend(16, "one");
        _module.Extend(16, "sneaky"u8.ToArray());
        Extend(16, "two");

        var line = Line(Replay(Export()), 16);

        Assert.Equal(ReplayVerdict.ChangedOutside, line.Verdict);
        Assert.Equal(1, line.DivergesAfter);
        Assert.Contains("record 2 found PCR16 at a value the log does not lead to", line.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PCR_extended_only_outside_the_log_is_changed_outside()
    {
        _module.Extend(18, "sneaky"u8.ToArray());

        var line = Line(Replay(Export()), 18);

        Assert.Equal(ReplayVerdict.ChangedOutside, line.Verdict);
        Assert.Equal(0, line.Extends);
    }

    [Fact]
    public void A_private_extend_replays_from_its_recorded_value()
    {
        Extend(16, "one");
        Extend(16, "secret", isPrivate: true);

        Assert.Equal(ReplayVerdict.Explained, Line(Replay(Export()), 16).Verdict);
    }

    [Fact]
    public void A_record_whose_answer_is_not_the_hash_of_before_and_data_is_changed_outside()
    {
        var data = "one"u8.ToArray();
        var (before, after) = _module.Extend(16, data);
        after[0] ^= 1;
        _chain.Append(Evidence(16, data, before, after, isPrivate: false), data);

        var line = Line(Replay(Export()), 16);

        Assert.Equal(ReplayVerdict.ChangedOutside, line.Verdict);
        Assert.Contains("not H(before ‖ data)", line.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Extends_lost_in_a_gap_make_the_PCR_incomplete_not_changed_outside()
    {
        _chain = NewChain(capacity: 2);
        Extend(16, "one");
        Extend(16, "two");
        Extend(16, "three");
        Extend(17, "four");

        var report = Replay(Export());

        Assert.Equal(ReplayVerdict.Incomplete, Line(report, 16).Verdict);
        Assert.Equal(ReplayVerdict.Explained, Line(report, 17).Verdict);
    }

    [Fact]
    public void A_restart_of_the_dashboard_in_the_same_enclave_carries_the_PCRs_on()
    {
        Extend(16, "one");
        var first = Export();
        _chain = NewChain();
        Extend(16, "two");

        var line = Line(Replay(first + Export()), 16);

        Assert.Equal(ReplayVerdict.Explained, line.Verdict);
        Assert.Equal(2, line.Extends);
    }

    [Fact]
    public void Without_a_checkpoint_the_log_is_replayed_but_not_compared()
    {
        Extend(16, "one");

        var replay = new EventLogReplay();
        var report = Verify(Trails.Export(_chain), replay);
        var result = replay.Evaluate(report);

        Assert.Null(result.ComparedWith);
        Assert.Equal(ReplayVerdict.NotCompared, Assert.Single(result.Pcrs).Verdict);
    }

    private EvidenceChain<PcrExtendEvidence> NewChain(int capacity = 1000) =>
        new(ChainGenesis.Create(EvidenceLog.EventLog, _module.ModuleId, DateTimeOffset.UtcNow), new EvidenceChainOptions { Capacity = capacity });

    private void Extend(ushort index, string text, bool isPrivate = false)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var (before, after) = _module.Extend(index, data);
        _chain.Append(Evidence(index, data, before, after, isPrivate), isPrivate ? null : data);
    }

    private static PcrExtendEvidence Evidence(int index, byte[] data, byte[] before, byte[] after, bool isPrivate) =>
        new(DateTimeOffset.UtcNow, index, Convert.ToHexStringLower(SHA384.HashData(data)), data.Length, isPrivate,
            before, after, "alice");

    private string Export() => Trails.Export(_chain, -1, _module.Checkpoint(_chain, pcrs: _module.ReadPcrs()));

    private EventLogReplayReport Replay(string trail)
    {
        var replay = new EventLogReplay();
        var report = Verify(trail, replay);
        Assert.True(report.IsIntact, report.Problem?.Message);
        return replay.Evaluate(report);
    }

    private TrailReport Verify(string trail, EventLogReplay replay)
    {
        var verifier = new TrailVerifier(_module.Verifier(), replay);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(trail));
        return TrailFile.VerifyAsync(input, verifier).GetAwaiter().GetResult();
    }

    private static PcrReplayLine Line(EventLogReplayReport report, int index) => report.Pcrs.Single(p => p.Index == index);
}
