using System.Text;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Records;

namespace NsmDashboard.Evidence.Tests;

/// <summary>
/// The test vectors printed in docs/audit-trail.md, computed here by the code and found byte for byte in the doc's
/// code blocks: a third party can check an implementation against them, and the doc cannot drift from the code.
/// </summary>
public sealed class VectorTests
{
    private static readonly IReadOnlyList<string> Blocks = CodeBlocks(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "audit-trail.md")));

    private readonly ChainGenesis _genesis = Vectors.AuditGenesis();
    private readonly EvidenceChain<AuditEvidence> _chain;
    private readonly ChainedRecord<AuditEvidence> _record;

    public VectorTests()
    {
        _chain = new EvidenceChain<AuditEvidence>(_genesis);
        _record = _chain.Append(Vectors.AuditRecord(), Vectors.Hello);
    }

    [Fact]
    public void The_seed_is_the_docs()
    {
        Assert.Contains(_genesis.Seed.ToString(), Blocks);
    }

    [Fact]
    public void The_genesis_canonical_bytes_and_chain_id_are_the_docs()
    {
        Assert.Contains(Text(TrailHashing.CanonicalBytes(_genesis.Record)) + "\n" + _genesis.Hash, Blocks);
    }

    [Fact]
    public void Record_1s_canonical_bytes_and_hash_are_the_docs()
    {
        var canonical = Text(TrailHashing.CanonicalBytes(_record.ToRecord(EvidenceLog.Audit)));

        Assert.Contains(canonical + "\n" + _record.Hash, Blocks);
        Assert.Equal(_genesis.Hash, _record.Previous);
    }

    [Fact]
    public void The_export_is_the_docs_two_lines()
    {
        var export = Trails.Export(_chain);

        Assert.Contains(export.TrimEnd('\n'), Blocks);
    }

    [Fact]
    public void The_PCR_table_digest_and_the_checkpoint_bytes_are_the_docs()
    {
        var pcrs = PcrTable.Create(Enumerable.Range(0, 32).Select(i =>
            new PcrValueEvidence(i, i < 16, i == 16 ? Vectors.AuditRecord().After[0].Value : new string('0', 96))));

        Assert.Contains(pcrs.Digest.ToString(), Blocks);
        Assert.Contains(Convert.ToHexStringLower(Checkpoint.Of(_chain.Head, pcrs).Encode()), Blocks);
    }

    [Fact]
    public void The_seed_is_SHA384_of_the_domain_a_zero_byte_and_the_JCS_of_the_four_inputs()
    {
        var inputs = """{"moduleId":"i-0123456789abcdef0-enc0123456789abcdef","processId":"000102030405060708090a0b0c0d0e0f","stream":"audit","time":"2026-05-01T10:00:00.123Z"}""";

        var seed = EvidenceHash.Compute([.. "nsm-dashboard/evidence/genesis/v1"u8, 0, .. Encoding.UTF8.GetBytes(inputs)]);

        Assert.Equal(seed, _genesis.Seed);
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static List<string> CodeBlocks(string markdown)
    {
        var blocks = new List<string>();
        var parts = markdown.Split("```", StringSplitOptions.None);
        for (var i = 1; i < parts.Length; i += 2)
        {
            var body = parts[i];
            var newline = body.IndexOf('\n', StringComparison.Ordinal);
            blocks.Add(body[(newline + 1)..].TrimEnd('\n'));
        }

        return blocks;
    }

    private static string RepositoryRoot() => typeof(VectorTests).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
}
