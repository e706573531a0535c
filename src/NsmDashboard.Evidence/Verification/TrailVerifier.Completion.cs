using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Verification;

public sealed partial class TrailVerifier
{
    /// <summary>
    /// Ends the file: matches the checkpoints given beside it, checks that every checkpoint's record was reached and
    /// every gap is explained, and gives the verdict.
    /// </summary>
    /// <param name="endedInsideLine">Whether the file's last line had no <c>\n</c> (it was cut, or a write was interrupted).</param>
    public TrailReport Complete(bool endedInsideLine = false)
    {
        if (endedInsideLine)
        {
            Fail(TrailProblemKind.Truncated, Expected, $"the file ends inside line {Lines}: it was cut, or a write was interrupted");
        }

        foreach (var (document, source) in _given)
        {
            if (Problem is not null)
            {
                break;
            }

            var verification = _checkpoints.Verify(document);
            if (!verification.IsValid)
            {
                Fail(TrailProblemKind.CheckpointInvalid, null, $"the checkpoint {source} proves nothing: {verification.Reason}");
                break;
            }

            Apply(new TrailCheckpoint(0, source, "given", verification, Proves: false), 0);
        }

        _given.Clear();
        FinishCurrent();
        foreach (var chain in _chains)
        {
            if (Problem is null && chain.FirstUnexplained() is { } missing)
            {
                Fail(TrailProblemKind.GapUnexplained, missing,
                    $"chain {chain.Index}: record {N(missing)} is missing, and the dashboard did not lose it: it had exported it before dropping it from memory. If another puller holds it, verify that file; otherwise it was removed from this one");
            }
        }

        var reports = _chains.Select(Report).ToList();
        foreach (var chain in reports)
        {
            DescribeChain(chain);
        }

        return new TrailReport(Stream, Lines, reports, Problem, [.. _notes]);
    }

    // A chain ends at a new genesis or at the end of the file: a checkpoint still waiting for a record proves the
    // file was cut before it.
    private void FinishCurrent()
    {
        if (_current is not { } chain || Problem is not null)
        {
            return;
        }

        foreach (var (checkpoint, report) in chain.Pending)
        {
            var where = report.Line > 0 ? $"the checkpoint at line {report.Line}" : $"the checkpoint {report.Source}";
            Fail(TrailProblemKind.Truncated, chain.LastSequence + 1,
                $"{where} proves that chain {chain.Index} reached record {N(checkpoint.Sequence)}, but the file's chain {chain.Index} ends at record {N(chain.LastSequence)}: records {N(chain.LastSequence + 1)}–{N(checkpoint.Sequence)} were cut");
            break;
        }

        chain.Pending.Clear();
    }

    private static TrailChainReport Report(TrailChainState chain) => new(
        chain.Index,
        chain.Genesis,
        chain.ChainId,
        chain.FirstSequence,
        chain.LastSequence,
        chain.Records,
        chain.GapReports(),
        [.. chain.Checkpoints.OrderBy(c => c.Checkpoint.Sequence)]);

    private void DescribeChain(TrailChainReport chain)
    {
        foreach (var gap in chain.Gaps)
        {
            var what = gap.AtStart ? "before this file began" : "before this file got them";
            var lost = gap.Lost == gap.Count
                ? "the chain says all were lost in the enclave before any export"
                : gap.Lost == 0
                    ? "the dashboard had exported them (to another client)"
                    : $"the chain says {N(gap.Lost)} were lost in the enclave before any export; the dashboard had exported the other {N(gap.Exported)} (to another client)";
            Note($"Chain {chain.Index}: records {N(gap.From)}–{N(gap.Through)} ({N(gap.Count)}) were dropped from the dashboard's memory {what}; {lost}.");
        }

        if (Problem is null && chain.LastSequence > (chain.ProvenThrough ?? chain.FirstSequence - 1))
        {
            var first = (chain.ProvenThrough ?? chain.FirstSequence - 1) + 1;
            Note(chain.ProvenThrough is null
                ? $"Chain {chain.Index}: no checkpoint proves records {N(Math.Max(first, chain.FirstSequence))}–{N(chain.LastSequence)}: they are unproven; anyone could have written or cut them."
                : $"Chain {chain.Index}: records {N(first)}–{N(chain.LastSequence)} come after the last checkpoint (record {N(chain.ProvenThrough!.Value)}): they are unproven, and the file could have been cut after them.");
        }
    }
}
