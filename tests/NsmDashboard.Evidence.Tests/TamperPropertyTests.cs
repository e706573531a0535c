using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Evidence.Tests;

/// <summary>
/// Property tests (FsCheck): whatever single change is made to a trail — one byte flipped anywhere in a record, one
/// record deleted, two neighbours swapped, the tail cut — the verifier finds it and names the right sequence number.
/// </summary>
public sealed class TamperPropertyTests : IDisposable
{
    private const int Records = 12;

    // Seeded so a failure reproduces; FsCheck prints the seed and the shrunk counterexample.
    private static readonly Config Config = Config.QuickThrowOnFailure
        .WithMaxTest(400)
        .WithReplay(FSharpOption<FsCheck.Replay>.Some(new FsCheck.Replay(new Rnd(14UL, 3UL), FSharpOption<int>.None)));

    private readonly EmulatedModule _module = new();
    private readonly CheckpointVerifier _verifier;
    private readonly byte[][] _lines;
    private readonly CheckpointLine _final;

    public TamperPropertyTests()
    {
        var chain = Trails.AuditChain(_module.ModuleId);
        Trails.AppendAudit(chain, Records);
        _final = _module.Checkpoint(chain, pcrs: _module.ReadPcrs());
        _lines = [.. Trails.Lines(Trails.Export(chain, -1, _final)).Select(l => Encoding.UTF8.GetBytes(l + "\n"))];
        _verifier = _module.Verifier();
        Assert.Equal(Records + 2, _lines.Length);
        Assert.True(Verify(_lines).IsComplete);
    }

    public void Dispose() => _module.Dispose();

    [Fact]
    public void Any_byte_flipped_in_any_record_is_found_at_that_records_sequence()
    {
        var flips =
            from line in Gen.Choose(0, Records)
            from position in Gen.Choose(0, 100_000)
            from mask in Gen.Choose(1, 255)
            select (Line: line, Position: position, Mask: (byte)mask);

        Prop.ForAll(flips.ToArbitrary(), flip =>
        {
            var lines = _lines.Select(l => l.ToArray()).ToArray();
            var target = lines[flip.Line];
            target[flip.Position % target.Length] ^= flip.Mask;

            var report = Verify(lines);

            return report.Problem is { } problem && problem.Sequence == flip.Line;
        }).Check(Config);
    }

    [Fact]
    public void Any_record_deleted_is_found_at_its_sequence()
    {
        Prop.ForAll(Gen.Choose(0, Records).ToArbitrary(), index =>
        {
            var report = Verify(_lines.Where((_, i) => i != index));

            return report.Problem is { } problem && problem.Sequence == index
                && problem.Kind is TrailProblemKind.Missing or TrailProblemKind.Truncated;
        }).Check(Config);
    }

    [Fact]
    public void Any_two_neighbouring_records_swapped_are_found_at_the_first()
    {
        Prop.ForAll(Gen.Choose(0, Records - 1).ToArbitrary(), index =>
        {
            var lines = _lines.ToArray();
            (lines[index], lines[index + 1]) = (lines[index + 1], lines[index]);

            var report = Verify(lines);

            return report.Problem is { } problem && problem.Sequence == index;
        }).Check(Config);
    }

    [Fact]
    public void Any_tail_cut_is_found_at_the_first_record_cut_when_a_later_checkpoint_is_given()
    {
        var total = _lines.Sum(l => l.Length) - _lines[^1].Length; // records only; the checkpoint is given beside
        var file = _lines[..^1].SelectMany(l => l).ToArray();
        Prop.ForAll(Gen.Choose(1, total - 1).ToArbitrary(), length =>
        {
            var cut = file[..length];
            // The first record not wholly in the file, newline included.
            var kept = 0;
            var complete = 0;
            while (complete < _lines.Length - 1 && kept + _lines[complete].Length <= length)
            {
                kept += _lines[complete++].Length;
            }

            var report = Verify([cut], (_final.Document.ToArray(), "final.cbor"));

            return report.Problem is { } problem && problem.Sequence == complete
                || (report.Problem is { Kind: TrailProblemKind.Truncated } truncated && truncated.Sequence == complete + 1 && length == kept + _lines[complete].Length - 1);
        }).Check(Config);
    }

    private TrailReport Verify(IEnumerable<byte[]> lines, params (byte[] Document, string Source)[] given) =>
        Trails.Verify(lines.SelectMany(l => l).ToArray(), _verifier, given);
}
