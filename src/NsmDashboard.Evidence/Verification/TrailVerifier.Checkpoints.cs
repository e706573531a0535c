using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;

namespace NsmDashboard.Evidence.Verification;

public sealed partial class TrailVerifier
{
    private bool ReadCheckpoint(EvidenceObject line)
    {
        if (!CheckpointLine.TryRead(line, out var checkpoint, out var problem))
        {
            return Fail(TrailProblemKind.Malformed, Expected, $"line {Lines} (a checkpoint): {problem}");
        }

        var verification = _checkpoints.Verify(checkpoint.Document);
        if (!verification.IsValid)
        {
            return Fail(TrailProblemKind.CheckpointInvalid, checkpoint.Checkpoint.Sequence,
                $"the checkpoint at line {Lines} proves nothing: {verification.Reason}");
        }

        if (!checkpoint.AgreesWith(verification, out problem))
        {
            return Fail(TrailProblemKind.Malformed, checkpoint.Checkpoint.Sequence, $"line {Lines}: {problem}");
        }

        return Apply(new TrailCheckpoint(Lines, "file", checkpoint.Taken, verification, Proves: false, checkpoint.Pcrs), Lines);
    }

    // Matches a verified checkpoint with the chain it attests: now when the file has passed its sequence, later
    // (pending) when the chain being read has not reached it yet.
    private bool Apply(TrailCheckpoint report, long line)
    {
        var checkpoint = report.Checkpoint;
        var where = line > 0 ? $"the checkpoint at line {line}" : $"the checkpoint {report.Source}";
        if (checkpoint.Stream != Stream && Stream is not null)
        {
            return Fail(TrailProblemKind.CheckpointForeign, checkpoint.Sequence,
                $"{where} attests the {checkpoint.Stream.Name()} stream; this file holds the {Stream.Value.Name()} stream");
        }

        var chain = _chains.FirstOrDefault(c => c.ChainId == checkpoint.ChainId);
        if (chain is null && _current is { ChainId: null } headless && checkpoint.Sequence >= headless.FirstSequence)
        {
            // The file began mid-chain: a checkpoint whose head matches a record it holds names the chain.
            if (checkpoint.Sequence > headless.LastSequence)
            {
                headless.Pending.Add((checkpoint, report));
                return true;
            }

            if (headless.HashAt(checkpoint.Sequence) == checkpoint.Head)
            {
                headless.ChainId = checkpoint.ChainId;
                headless.ModuleId = report.Verification.ModuleId;
                chain = headless;
            }
        }

        if (chain is null)
        {
            return Fail(TrailProblemKind.CheckpointForeign, checkpoint.Sequence,
                $"{where} attests chain {checkpoint.ChainId.ToShortString()}… of module {report.Verification.ModuleId}, which this file does not hold: it comes from another dashboard, or from a run whose records are not in this file");
        }

        if (chain.ModuleId is { } moduleId && !string.Equals(moduleId, report.Verification.ModuleId, StringComparison.Ordinal))
        {
            return Fail(TrailProblemKind.CheckpointForeign, checkpoint.Sequence,
                $"{where} is attested by module {report.Verification.ModuleId}, but chain {chain.Index} runs on module {moduleId}");
        }

        if (checkpoint.Sequence > chain.LastSequence)
        {
            if (chain != _current)
            {
                return Fail(TrailProblemKind.Truncated, chain.LastSequence + 1,
                    $"{where} proves that chain {chain.Index} reached record {N(checkpoint.Sequence)}, but the file's chain {chain.Index} ends at record {N(chain.LastSequence)}: records {N(chain.LastSequence + 1)}–{N(checkpoint.Sequence)} were cut");
            }

            chain.Pending.Add((checkpoint, report));
            return true;
        }

        return Match(chain, checkpoint, report, where);
    }

    private bool Match(TrailChainState chain, Checkpoint checkpoint, TrailCheckpoint report, string where)
    {
        if (chain.HashAt(checkpoint.Sequence) is not { } hash)
        {
            Note($"{Capitalized(where)} attests record {N(checkpoint.Sequence)} of chain {chain.Index}, which falls in a gap: it proves nothing this file holds.");
            chain.Checkpoints.Add(report);
            return true;
        }

        if (hash != checkpoint.Head)
        {
            var proven = chain.Checkpoints.Where(c => c.Proves && c.Checkpoint.Sequence < checkpoint.Sequence).Select(c => (long?)c.Checkpoint.Sequence).Max();
            var range = proven is { } p ? $"records {N(p + 1)}–{N(checkpoint.Sequence)}" : $"records up to {N(checkpoint.Sequence)}";
            return Fail(TrailProblemKind.CheckpointMismatch, checkpoint.Sequence,
                $"{where} attests a different record {N(checkpoint.Sequence)} (head {checkpoint.Head.ToShortString()}…) than the file holds ({hash.ToShortString()}…): one of {range} was rewritten, with every hash after it recomputed");
        }

        chain.Checkpoints.Add(report with { Proves = true });
        return true;
    }

    private bool ResolvePending(TrailChainState chain)
    {
        for (var i = 0; i < chain.Pending.Count; i++)
        {
            var (checkpoint, report) = chain.Pending[i];
            if (checkpoint.Sequence > chain.LastSequence)
            {
                continue;
            }

            chain.Pending.RemoveAt(i--);
            if (chain.ChainId is null)
            {
                // A mid-chain file: the checkpoint names the chain only if its head is the file's record.
                if (chain.HashAt(checkpoint.Sequence) != checkpoint.Head)
                {
                    return Fail(TrailProblemKind.CheckpointForeign, checkpoint.Sequence,
                        $"the checkpoint at line {report.Line} attests chain {checkpoint.ChainId.ToShortString()}…, which this file does not hold");
                }

                chain.ChainId = checkpoint.ChainId;
                chain.ModuleId = report.Verification.ModuleId;
            }

            var where = report.Line > 0 ? $"the checkpoint at line {report.Line}" : $"the checkpoint {report.Source}";
            if (!Match(chain, checkpoint, report, where))
            {
                return false;
            }
        }

        return true;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
