using System.Text;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Export;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Evidence.Tests;

/// <summary>The verifier on exported trails: what is intact, and every way of breaking one, named at the right sequence.</summary>
public sealed class TrailVerifierTests : IDisposable
{
    private readonly EmulatedModule _module = new();
    private readonly EvidenceChain<AuditEvidence> _chain;
    private readonly CheckpointLine _final;
    private readonly string _trail;

    public TrailVerifierTests()
    {
        _chain = Trails.AuditChain(_module.ModuleId);
        Trails.AppendAudit(_chain, 10);
        _final = _module.Checkpoint(_chain, pcrs: _module.ReadPcrs());
        _trail = Trails.Export(_chain, -1, _final);
    }

    public void Dispose() => _module.Dispose();

    [Fact]
    public void An_export_with_a_checkpoint_at_its_head_is_intact_and_fully_proven()
    {
        var report = Trails.Verify(_trail, _module);

        Assert.Null(report.Problem);
        Assert.True(report.IsComplete);
        var chain = Assert.Single(report.Chains);
        Assert.Equal(_chain.Genesis.Hash, chain.ChainId);
        Assert.Equal(_module.ModuleId, chain.Genesis!.ModuleId);
        Assert.Equal((0L, 10L, 11L), (chain.FirstSequence, chain.LastSequence, chain.Records));
        Assert.Equal(10, chain.ProvenThrough);
        Assert.Equal(12, report.Lines);
        Assert.Empty(report.Notes);
    }

    [Fact]
    public void Records_after_the_last_checkpoint_are_reported_unproven_but_intact()
    {
        Trails.AppendAudit(_chain, 2);
        var trail = _trail + Trails.Export(_chain, 10);

        var report = Trails.Verify(trail, _module);

        Assert.True(report.IsIntact);
        Assert.False(report.IsFullyProven);
        Assert.Equal(2, report.Chains[0].Unproven);
        Assert.Contains(report.Notes, n => n.Contains("records 11–12 come after the last checkpoint (record 10)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_trail_without_any_checkpoint_is_intact_and_entirely_unproven()
    {
        var report = Trails.Verify(Trails.Export(_chain), _module);

        Assert.True(report.IsIntact);
        Assert.Null(report.Chains[0].ProvenThrough);
        Assert.Contains(report.Notes, n => n.Contains("no checkpoint proves records 0–10", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_value_is_a_modified_record()
    {
        var trail = Replace(_trail, 4, "\"user\":\"alice\"", "\"user\":\"mallory\"");

        AssertBroken(Trails.Verify(trail, _module), TrailProblemKind.Modified, 4, line: 5);
    }

    [Fact]
    public void A_modified_record_with_its_hash_recomputed_no_longer_links_to_the_next()
    {
        var lines = Trails.Lines(_trail);
        lines[4] = Rehash(lines[4], o => Set(o, "user", EvidenceValue.Of("mallory")));

        AssertBroken(Trails.Verify(Trails.Join(lines), _module), TrailProblemKind.Unlinked, 4);
    }

    [Fact]
    public void A_rewritten_history_with_every_hash_recomputed_is_caught_by_the_checkpoint()
    {
        var lines = Trails.Lines(_trail);
        var previous = (string?)null;
        for (var i = 4; i <= 10; i++)
        {
            var prev = previous;
            lines[i] = Rehash(lines[i], o => i == 4 ? Set(o, "user", EvidenceValue.Of("mallory")) : Set(o, "prev", EvidenceValue.Of(prev!)));
            previous = Member(lines[i], "hash");
        }

        AssertBroken(Trails.Verify(Trails.Join(lines), _module), TrailProblemKind.CheckpointMismatch, 10);
    }

    [Fact]
    public void A_deleted_record_is_missing()
    {
        var lines = Trails.Lines(_trail).ToList();
        lines.RemoveAt(6);

        AssertBroken(Trails.Verify(Trails.Join(lines), _module), TrailProblemKind.Missing, 6);
    }

    [Fact]
    public void Two_swapped_records_break_at_the_first_of_them()
    {
        var lines = Trails.Lines(_trail);
        (lines[3], lines[4]) = (lines[4], lines[3]);

        AssertBroken(Trails.Verify(Trails.Join(lines), _module), TrailProblemKind.Missing, 3);
    }

    [Fact]
    public void A_repeated_record_is_out_of_order()
    {
        var lines = Trails.Lines(_trail).ToList();
        lines.Insert(6, lines[5]);

        AssertBroken(Trails.Verify(Trails.Join(lines), _module), TrailProblemKind.OutOfOrder, 5);
    }

    [Fact]
    public void A_forged_record_inserted_with_its_link_and_hash_recomputed_is_found_at_the_sequence_it_took()
    {
        var lines = Trails.Lines(_trail).ToList();
        // A forger who knows the format: sequence 5, prev = record 4's hash, a hash of its own that matches.
        lines.Insert(5, Rehash(lines[5], o => Set(o, "user", EvidenceValue.Of("mallory"))));

        AssertBroken(Trails.Verify(Trails.Join(lines), _module), TrailProblemKind.OutOfOrder, 5);
    }

    [Fact]
    public void A_forged_record_added_after_the_last_checkpoint_is_intact_but_reported_unproven()
    {
        var lines = Trails.Lines(_trail).ToList();
        var forged = Rehash(lines[10], o => Set(Set(o, "seq", EvidenceValue.Of(11)), "prev", EvidenceValue.Of(Member(lines[10], "hash"))));
        lines.Add(forged);

        var report = Trails.Verify(Trails.Join(lines), _module);

        // It cannot be told from a record the dashboard made; what the verifier can say is that nothing proves it.
        Assert.True(report.IsIntact, report.Problem?.Message);
        Assert.False(report.IsFullyProven);
        Assert.Equal((10L, 11L), (report.Chains[0].ProvenThrough!.Value, report.Chains[0].LastSequence));
        Assert.Contains(report.Notes, n => n.Contains("after the last checkpoint (record 10)", StringComparison.Ordinal));
    }

    [Fact]
    public void Changed_data_does_not_match_its_hashed_digest()
    {
        var data = Convert.ToHexStringLower(Trails.Data(7));
        var trail = Replace(_trail, 7, $"\"data\":\"{data}\"", $"\"data\":\"{data[..^2]}21\"");

        AssertBroken(Trails.Verify(trail, _module), TrailProblemKind.DataMismatch, 7);
    }

    [Fact]
    public void Removed_data_leaves_the_record_intact()
    {
        var lines = Trails.Lines(_trail);
        lines[7] = Rewrite(lines[7], o => Without(o, "data"));

        Assert.True(Trails.Verify(Trails.Join(lines), _module).IsIntact);
    }

    [Fact]
    public void A_cut_tail_is_named_by_a_checkpoint_given_beside_the_file()
    {
        var lines = Trails.Lines(_trail);
        var cut = Trails.Join(lines[..8]); // genesis and records 1–7

        var alone = Trails.Verify(cut, _module);
        var withCheckpoint = Trails.Verify(cut, _module, (_final.Document.ToArray(), "final.cbor"));

        Assert.True(alone.IsIntact);
        Assert.False(alone.IsFullyProven);
        AssertBroken(withCheckpoint, TrailProblemKind.Truncated, 8);
        Assert.Contains("records 8–10 were cut", withCheckpoint.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_inside_a_line_is_truncated()
    {
        var cut = _trail[..(_trail.Length - 40)];

        var report = Trails.Verify(cut, _module);

        Assert.Equal(TrailProblemKind.Malformed, report.Problem!.Kind);
        var partial = Trails.Verify(_trail.TrimEnd('\n'), _module);
        AssertBroken(partial, TrailProblemKind.Truncated, 11);
    }

    [Fact]
    public void A_missing_genesis_breaks_the_file_unless_it_is_verified_as_a_segment()
    {
        var lines = Trails.Lines(_trail)[1..];

        var whole = Trails.Verify(Trails.Join(lines), _module);
        var verifier = new TrailVerifier(_module.Verifier(), partial: true);
        foreach (var line in lines)
        {
            verifier.Feed(Encoding.UTF8.GetBytes(line));
        }

        var segment = verifier.Complete();

        AssertBroken(whole, TrailProblemKind.Missing, 0);
        Assert.True(segment.IsIntact);
        Assert.Equal(_chain.Genesis.Hash, segment.Chains[0].ChainId);
        Assert.Equal(10, segment.Chains[0].ProvenThrough);
    }

    [Fact]
    public void A_restart_is_a_second_chain_and_both_verify()
    {
        var second = Trails.AuditChain(_module.ModuleId);
        Trails.AppendAudit(second, 3);
        var trail = _trail + Trails.Export(second, -1, _module.Checkpoint(second));

        var report = Trails.Verify(trail, _module);

        Assert.True(report.IsComplete, report.Problem?.Message);
        Assert.Equal(2, report.Chains.Count);
        Assert.Equal(second.Genesis.Hash, report.Chains[1].ChainId);
        Assert.Contains(report.Notes, n => n.Contains("the dashboard restarted", StringComparison.Ordinal));
    }

    [Fact]
    public void A_checkpoint_of_another_dashboard_is_foreign()
    {
        using var other = new EmulatedModule();
        var theirs = Trails.AuditChain(other.ModuleId);
        Trails.AppendAudit(theirs, 10);
        var foreign = _module.Checkpoint(theirs);
        var trail = Trails.Export(_chain) + Line(foreign);

        AssertBroken(Trails.Verify(trail, _module), TrailProblemKind.CheckpointForeign, 10);
    }

    [Fact]
    public void A_checkpoint_attested_by_another_module_than_the_chains_is_foreign()
    {
        using var other = new EmulatedModule();
        var checkpoint = Checkpoint.Of(_chain.Head);
        var document = other.Attest(checkpoint.Encode());
        var trail = Trails.Export(_chain) + Line(new CheckpointLine(checkpoint, document, null, "pull"));

        var report = Trails.Verify(Encoding.UTF8.GetBytes(trail), new CheckpointVerifier(other.TrustRoot));

        AssertBroken(report, TrailProblemKind.CheckpointForeign, 10);
        Assert.Contains(other.ModuleId, report.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_signed_under_another_root_proves_nothing()
    {
        using var other = new EmulatedModule(_module.ModuleId);
        var trail = Trails.Export(_chain) + Line(other.Checkpoint(_chain));

        AssertBroken(Trails.Verify(trail, _module), TrailProblemKind.CheckpointInvalid, 10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_forged_trail_proven_by_an_enclave_the_parent_runs_under_the_same_root_passes_the_root_but_not_the_enclave_policy(bool debugMode)
    {
        // The parent's own enclave — another image, or a debug-mode one (PCR0–2 zero) — signs the head of records it forged.
        using var root = new SharedRoot();
        using var dashboard = root.Enclave();
        using var parents = root.Enclave(debugMode ? null : SharedRoot.OtherImage, debugMode);
        var forged = Trails.AuditChain(parents.ModuleId);
        Trails.AppendAudit(forged, 4);
        var trail = Encoding.UTF8.GetBytes(Trails.Export(forged, -1, parents.Checkpoint(forged)));
        var expected = dashboard.Verifier(SharedRoot.ExpectDefaultImage());

        var rootOnly = Trails.Verify(trail, dashboard.Verifier());
        var withPolicy = Trails.Verify(trail, expected);
        var given = Trails.Verify(Encoding.UTF8.GetBytes(Trails.Export(forged)), expected, (parents.Checkpoint(forged).Document.ToArray(), "forged.cbor"));

        Assert.True(rootOnly.IsFullyProven, rootOnly.Problem?.Message);
        AssertBroken(withPolicy, TrailProblemKind.CheckpointInvalid, 4, line: 6);
        Assert.Contains("the checkpoint at line 6 proves nothing: the checkpoint is not from the expected enclave", withPolicy.Problem!.Message, StringComparison.Ordinal);
        Assert.False(given.IsIntact);
        Assert.Equal(TrailProblemKind.CheckpointInvalid, given.Problem!.Kind);
        Assert.Contains("the checkpoint forged.cbor proves nothing: the checkpoint is not from the expected enclave", given.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_line_whose_members_disagree_with_its_document_is_malformed()
    {
        var lines = Trails.Lines(_trail);
        lines[^1] = Rewrite(lines[^1], o => Set(o, "seq", EvidenceValue.Of(9)));

        AssertBroken(Trails.Verify(Trails.Join(lines), _module), TrailProblemKind.Malformed, 9);
    }

    [Fact]
    public void A_checkpoint_before_its_record_waits_for_it()
    {
        var lines = Trails.Lines(_trail).ToList();
        var checkpoint = lines[^1];
        lines.RemoveAt(lines.Count - 1);
        lines.Insert(3, checkpoint);

        var report = Trails.Verify(Trails.Join(lines), _module);

        Assert.True(report.IsFullyProven, report.Problem?.Message);
    }

    [Fact]
    public void A_line_of_the_other_stream_does_not_belong()
    {
        var eventlog = new EvidenceChain<PcrExtendEvidence>(ChainGenesis.Create(EvidenceLog.EventLog, _module.ModuleId, Trails.Start));
        var trail = _trail + Trails.Export(eventlog);

        AssertBroken(Trails.Verify(trail, _module), TrailProblemKind.StreamMismatch, 11);
    }

    [Fact]
    public void A_gap_the_records_after_it_name_as_lost_is_explained()
    {
        var chain = Trails.AuditChain(_module.ModuleId, capacity: 4);
        Trails.AppendAudit(chain, 2);
        var first = Trails.Export(chain);           // the puller has 0–2
        Trails.AppendAudit(chain, 8);               // 3–6 dropped unexported
        var trail = first + Trails.Export(chain, 2, _module.Checkpoint(chain));

        var report = Trails.Verify(trail, _module);

        Assert.True(report.IsFullyProven, report.Problem?.Message);
        var gap = Assert.Single(report.Chains[0].Gaps);
        Assert.Equal(new TrailGap(3, 6, AtStart: false, Lost: 4), gap);
        Assert.False(report.IsComplete);
        Assert.Contains(report.Notes, n => n.Contains("all were lost in the enclave", StringComparison.Ordinal));
    }

    [Fact]
    public void Exported_records_removed_and_replaced_by_a_gap_line_are_unexplained()
    {
        var lines = Trails.Lines(_trail).ToList();
        var head = Member(lines[5], "hash");
        lines.RemoveRange(4, 2);
        lines.Insert(4, $$"""{"from":4,"head":"{{head}}","stream":"audit","through":5,"type":"gap","v":1}""");

        AssertBroken(Trails.Verify(Trails.Join(lines), _module), TrailProblemKind.GapUnexplained, 4);
    }

    [Fact]
    public void A_file_begun_after_records_were_dropped_reports_which_were_lost_and_which_went_elsewhere()
    {
        var chain = Trails.AuditChain(_module.ModuleId, capacity: 3);
        Trails.AppendAudit(chain, 3);
        chain.ReadAfter(-1, 1);                     // another client had record 1
        Trails.AppendAudit(chain, 3);               // drops 1 (served), 2 and 3 (lost)

        var report = Trails.Verify(Trails.Export(chain, -1, _module.Checkpoint(chain)), _module);

        Assert.True(report.IsFullyProven, report.Problem?.Message);
        Assert.Equal(new TrailGap(1, 3, AtStart: true, Lost: 2), Assert.Single(report.Chains[0].Gaps));
        Assert.Contains(report.Notes, n => n.Contains("2 were lost in the enclave", StringComparison.Ordinal)
            && n.Contains("the other 1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gap_line_whose_head_is_not_the_next_records_prev_breaks_the_link()
    {
        var chain = Trails.AuditChain(_module.ModuleId, capacity: 2);
        Trails.AppendAudit(chain, 5);
        var lines = Trails.Lines(Trails.Export(chain));
        lines[1] = lines[1].Replace("\"head\":\"", "\"head\":\"00", StringComparison.Ordinal).Remove(lines[1].IndexOf("\"head\":\"", StringComparison.Ordinal) + 8 + 96, 2);

        AssertBroken(Trails.Verify(Trails.Join(lines), _module), TrailProblemKind.Unlinked, 3);
    }

    [Theory]
    [InlineData("not json", TrailProblemKind.Malformed)]
    [InlineData("{\"v\":2,\"stream\":\"audit\",\"type\":\"record\"}", TrailProblemKind.Malformed)]
    [InlineData("{\"v\":1,\"stream\":\"other\",\"type\":\"record\"}", TrailProblemKind.Malformed)]
    [InlineData("{\"v\":1,\"stream\":\"audit\",\"type\":\"note\"}", TrailProblemKind.Malformed)]
    [InlineData("{\"v\":1,\"stream\":\"audit\",\"type\":\"record\",\"seq\":11}", TrailProblemKind.Malformed)]
    [InlineData("{\"v\":1,\"stream\":\"audit\",\"type\":\"gap\",\"from\":11,\"through\":10,\"head\":\"00\"}", TrailProblemKind.Malformed)]
    public void A_line_that_is_not_a_trail_line_breaks_the_trail_at_the_next_sequence(string line, TrailProblemKind kind)
    {
        var trail = Trails.Export(_chain) + line + "\n";

        AssertBroken(Trails.Verify(trail, _module), kind, 11);
    }

    [Fact]
    public void Blank_lines_are_ignored()
    {
        var trail = _trail.Replace("\n", "\n\n", StringComparison.Ordinal);

        Assert.True(Trails.Verify(trail, _module).IsComplete);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused_without_buffering_it()
    {
        var trail = new byte[TrailLineReader.MaxLineBytes + 10];
        Array.Fill(trail, (byte)'x');

        var report = Trails.Verify(trail, _module.Verifier());

        Assert.Equal(TrailProblemKind.Malformed, report.Problem!.Kind);
        Assert.Contains("longer than", report.Problem.Message, StringComparison.Ordinal);
    }

    internal static void AssertBroken(TrailReport report, TrailProblemKind kind, long sequence, long? line = null)
    {
        Assert.False(report.IsIntact, "The trail verified, but it should be broken.");
        Assert.True(kind == report.Problem!.Kind && sequence == report.Problem.Sequence,
            $"Expected {kind} at {sequence}, got {report.Problem.Kind} at {report.Problem.Sequence}: {report.Problem.Message}");
        if (line is { } expectedLine)
        {
            Assert.Equal(expectedLine, report.Problem.Line);
        }
    }

    private static string Replace(string trail, int line, string from, string to)
    {
        var lines = Trails.Lines(trail);
        Assert.Contains(from, lines[line], StringComparison.Ordinal);
        lines[line] = lines[line].Replace(from, to, StringComparison.Ordinal);
        return Trails.Join(lines);
    }

    private static string Line(CheckpointLine checkpoint)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        TrailLines.WriteCheckpoint(buffer, checkpoint);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Member(string line, string name)
    {
        EvidenceJson.ParseObject(Encoding.UTF8.GetBytes(line)).TryGetValue(name, out var value);
        value!.TryGetString(out var text);
        return text!;
    }

    private static string Rewrite(string line, Func<EvidenceObject, EvidenceObject> change) =>
        Encoding.UTF8.GetString(CanonicalJson.Serialize(change(EvidenceJson.ParseObject(Encoding.UTF8.GetBytes(line)))));

    // Changes a record and writes the hash its new content has, as a forger would.
    private static string Rehash(string line, Func<EvidenceObject, EvidenceObject> change) =>
        Rewrite(line, o =>
        {
            var changed = change(o);
            return Set(changed, "hash", EvidenceValue.Of(TrailHashing.HashRecord(changed).ToString()));
        });

    private static EvidenceObject Set(EvidenceObject value, string name, EvidenceValue member)
    {
        var builder = new EvidenceObjectBuilder();
        foreach (var (key, existing) in value.Members.Where(m => m.Key != name))
        {
            builder.Add(key, existing);
        }

        return builder.Add(name, member).Build();
    }

    private static EvidenceObject Without(EvidenceObject value, string name)
    {
        var builder = new EvidenceObjectBuilder();
        foreach (var (key, existing) in value.Members.Where(m => m.Key != name))
        {
            builder.Add(key, existing);
        }

        return builder.Build();
    }
}
