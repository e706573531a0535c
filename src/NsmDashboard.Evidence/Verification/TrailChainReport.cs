using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Verification;

/// <summary>One chain of a trail file: one run of the dashboard, from its genesis (or from wherever the file begins).</summary>
/// <param name="Index">The chain's position in the file, from 1.</param>
/// <param name="Genesis">Its genesis, when the file holds it.</param>
/// <param name="ChainId">Its id: the genesis hash, or learned from a checkpoint when the file begins mid-chain.</param>
/// <param name="FirstSequence">The first sequence number the file holds of it (0 with the genesis).</param>
/// <param name="LastSequence">The last.</param>
/// <param name="Records">How many records (the genesis included) the file holds of it.</param>
/// <param name="Gaps">Records gone from the dashboard's memory before the file got them.</param>
/// <param name="Checkpoints">The checkpoints that attest it, in order of sequence.</param>
public sealed record TrailChainReport(
    int Index,
    ChainGenesis? Genesis,
    EvidenceHash? ChainId,
    long FirstSequence,
    long LastSequence,
    long Records,
    IReadOnlyList<TrailGap> Gaps,
    IReadOnlyList<TrailCheckpoint> Checkpoints)
{
    /// <summary>The highest sequence number a checkpoint proves; null when none does.</summary>
    public long? ProvenThrough => Checkpoints.Where(c => c.Proves).Select(c => (long?)c.Checkpoint.Sequence).Max();

    /// <summary>Whether every record the file holds of this chain is proven by a checkpoint.</summary>
    public bool FullyProven => ProvenThrough is { } proven && proven >= LastSequence;

    /// <summary>How many records at the end are not (yet) proven.</summary>
    public long Unproven => LastSequence - (ProvenThrough ?? (FirstSequence - 1));

    /// <summary>How many records the chain says the dashboard lost (dropped before any export).</summary>
    public long Lost => Gaps.Sum(g => g.Lost);
}
