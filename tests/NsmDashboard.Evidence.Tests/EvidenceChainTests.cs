using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;

namespace NsmDashboard.Evidence.Tests;

/// <summary>The chain writer: linking, the bounded window, lost runs, the data budget, exports from a cursor, concurrency.</summary>
public sealed class EvidenceChainTests
{
    private const string Module = "i-00000000000000000-enc0000000000000000";

    [Fact]
    public void Each_record_links_to_the_hash_of_the_one_before_starting_at_the_genesis()
    {
        var chain = Trails.AuditChain(Module);

        Trails.AppendAudit(chain, 3);

        var records = chain.Snapshot();
        Assert.Equal([1L, 2, 3], records.Select(r => r.Sequence));
        Assert.Equal(chain.Genesis.Hash, records[0].Previous);
        Assert.Equal(records[0].Hash, records[1].Previous);
        Assert.Equal(records[1].Hash, records[2].Previous);
        Assert.Equal(new ChainHead(EvidenceLog.Audit, 3, records[2].Hash, chain.Genesis.Hash), chain.Head);
    }

    [Fact]
    public void A_record_exported_again_has_the_bytes_it_was_hashed_with()
    {
        var chain = Trails.AuditChain(Module);
        Trails.AppendAudit(chain, 5);

        foreach (var record in chain.Snapshot())
        {
            Assert.Equal(record.Hash, TrailHashing.HashRecord(record.ToRecord(EvidenceLog.Audit)));
        }
    }

    [Fact]
    public void Two_starts_of_the_same_module_at_the_same_time_begin_different_chains()
    {
        var first = ChainGenesis.Create(EvidenceLog.Audit, Module, Trails.Start);
        var second = ChainGenesis.Create(EvidenceLog.Audit, Module, Trails.Start);

        Assert.NotEqual(first.ProcessId, second.ProcessId);
        Assert.NotEqual(first.Seed, second.Seed);
        Assert.NotEqual(first.Hash, second.Hash);
    }

    [Fact]
    public void The_genesis_reads_back_and_a_changed_input_no_longer_matches_its_seed()
    {
        var genesis = Vectors.AuditGenesis();

        Assert.True(ChainGenesis.TryRead(genesis.Record, out var read, out _));
        Assert.Equal(genesis.Hash, read.Hash);

        var builder = new EvidenceObjectBuilder();
        foreach (var (name, value) in genesis.Record.Members)
        {
            builder.Add(name, name == TrailMembers.ModuleId ? EvidenceValue.Of("i-ffffffffffffffff0-encffffffffffffffff") : value);
        }

        Assert.False(ChainGenesis.TryRead(builder.Build(), out _, out var problem));
        Assert.Contains("seed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Beyond_capacity_the_oldest_records_go_and_unexported_ones_are_named_as_a_lost_run()
    {
        var chain = Trails.AuditChain(Module, capacity: 3);

        Trails.AppendAudit(chain, 6);

        var records = chain.Snapshot();
        Assert.Equal([4L, 5, 6], records.Select(r => r.Sequence));
        Assert.Equal([new LostRun(1, 1), new LostRun(1, 2), new LostRun(1, 3)], records.Select(r => r.Lost!.Value));
        Assert.Equal(3, chain.Lost);
        Assert.Equal(3, chain.Dropped);
    }

    [Fact]
    public void Records_an_export_has_read_are_not_lost_when_they_go_and_a_new_run_starts_after_them()
    {
        var chain = Trails.AuditChain(Module, capacity: 3);
        Trails.AppendAudit(chain, 3);
        chain.ReadAfter(-1, 2); // serves 1 and 2

        Trails.AppendAudit(chain, 3); // drops 1, 2 (served) and 3 (not)

        var records = chain.Snapshot();
        Assert.Equal([4L, 5, 6], records.Select(r => r.Sequence));
        Assert.Null(records[0].Lost);
        Assert.Null(records[1].Lost);
        Assert.Equal(new LostRun(3, 3), records[2].Lost);
        Assert.Equal(1, chain.Lost);
    }

    [Fact]
    public void An_export_after_dropped_records_states_the_gap_with_the_hash_that_continues_the_chain()
    {
        var chain = Trails.AuditChain(Module, capacity: 3);
        Trails.AppendAudit(chain, 2);
        var second = chain.Snapshot()[1];
        Trails.AppendAudit(chain, 3);

        var batch = chain.ReadAfter(-1, 10);

        Assert.Same(chain.Genesis, batch.Genesis);
        Assert.Equal(new ChainGap(1, 2, second.Hash), batch.Gap);
        Assert.Equal([3L, 4, 5], batch.Records.Select(r => r.Sequence));
        Assert.Equal(second.Hash, batch.Records[0].Previous);
        Assert.Equal(5, batch.Cursor);
        Assert.True(batch.ReachedHead);
    }

    [Fact]
    public void Reading_in_batches_resumes_from_the_cursor_and_stops_at_the_head()
    {
        var chain = Trails.AuditChain(Module);
        Trails.AppendAudit(chain, 5);

        var first = chain.ReadAfter(-1, 2);
        var second = chain.ReadAfter(first.Cursor, 2);
        var third = chain.ReadAfter(second.Cursor, 2);
        var fourth = chain.ReadAfter(third.Cursor, 2);

        Assert.Equal([1L, 2], first.Records.Select(r => r.Sequence));
        Assert.Null(second.Genesis);
        Assert.Equal([3L, 4], second.Records.Select(r => r.Sequence));
        Assert.Equal([5L], third.Records.Select(r => r.Sequence));
        Assert.Empty(fourth.Records);
        Assert.Equal(5, fourth.Cursor);
    }

    [Fact]
    public void An_empty_chain_exports_its_genesis_alone()
    {
        var chain = Trails.AuditChain(Module);

        var batch = chain.ReadAfter(-1, 10);

        Assert.NotNull(batch.Genesis);
        Assert.Empty(batch.Records);
        Assert.Equal(0, batch.Cursor);
    }

    [Fact]
    public void Over_the_data_budget_the_oldest_records_let_go_of_their_data_and_keep_their_hash()
    {
        var chain = new EvidenceChain<AuditEvidence>(ChainGenesis.Create(EvidenceLog.Audit, Module, Trails.Start),
            new EvidenceChainOptions { Capacity = 100, MaxDataBytes = 25 });

        Trails.AppendAudit(chain, 4); // "extend #n": 9 bytes each

        var records = chain.Snapshot();
        Assert.Equal([true, true, false, false], records.Select(r => r.DataDropped));
        Assert.Equal(18, chain.DataBytes);
        Assert.All(records, r => Assert.Equal(r.Hash, TrailHashing.HashRecord(r.ToRecord(EvidenceLog.Audit))));
    }

    [Fact]
    public void Records_without_data_or_whose_data_was_let_go_export_without_a_data_member_and_verify()
    {
        using var module = new EmulatedModule();
        var chain = new EvidenceChain<AuditEvidence>(ChainGenesis.Create(EvidenceLog.Audit, module.ModuleId, Trails.Start),
            new EvidenceChainOptions { Capacity = 100, MaxDataBytes = 9 });
        chain.Append(Trails.Audit(1) with { DataKept = false });
        Trails.AppendAudit(chain, 2);

        var lines = Trails.Lines(Trails.Export(chain, -1, module.Checkpoint(chain)));

        Assert.DoesNotContain("\"data\"", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("\"data\"", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"data\":\"657874656e64202333\"", lines[3], StringComparison.Ordinal);
        Assert.True(Trails.Verify(Trails.Join(lines), module).IsComplete);
    }

    [Fact]
    public void A_payload_that_writes_a_member_the_chain_owns_is_refused_and_changes_nothing()
    {
        var chain = new EvidenceChain<IEvidencePayload>(ChainGenesis.Create(EvidenceLog.Audit, Module, Trails.Start), new EvidenceChainOptions { Capacity = 1 });
        chain.Append(Trails.Audit(1));
        var head = chain.Head;

        Assert.Throws<ArgumentException>(() => chain.Append(new RogueEvidence(TrailMembers.Hash)));
        Assert.Throws<ArgumentException>(() => chain.Append(new RogueEvidence(TrailMembers.Sequence)));
        Assert.Throws<ArgumentException>(() => chain.Append(new RogueEvidence("user\ud800")));

        Assert.Equal(head, chain.Head);
        Assert.Equal(1, chain.Count);
        Assert.Equal(0, chain.Dropped);
    }

    [Fact]
    public async Task Concurrent_appends_give_one_unbroken_chain()
    {
        var chain = Trails.AuditChain(Module, capacity: 10_000);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Trails.AppendAudit(chain, 250))));

        var records = chain.Snapshot();
        Assert.Equal(2000, records.Count);
        var previous = chain.Genesis.Hash;
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(i + 1, records[i].Sequence);
            Assert.Equal(previous, records[i].Previous);
            previous = records[i].Hash;
        }
    }

    private sealed record RogueEvidence(string Member) : IEvidencePayload
    {
        public DateTimeOffset Time => Trails.Start;

        public void WriteMembers(EvidenceObjectBuilder record) => record.Add(Member, "x");
    }
}
