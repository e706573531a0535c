using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Verification;

/// <summary>The verdict on a trail file: its chains, what proves them, and the first thing that breaks it.</summary>
/// <param name="Stream">The stream the file holds; null when it holds no line.</param>
/// <param name="Lines">How many lines were read.</param>
/// <param name="Chains">Its chains, in file order.</param>
/// <param name="Problem">The first thing that breaks it; null when nothing does.</param>
/// <param name="Notes">What is not a break but a reader must know (a restart, a file that begins mid-chain, records lost, an unproven tail).</param>
public sealed record TrailReport(
    EvidenceLog? Stream,
    long Lines,
    IReadOnlyList<TrailChainReport> Chains,
    TrailProblem? Problem,
    IReadOnlyList<string> Notes)
{
    /// <summary>Whether nothing breaks the chain: every record links, hashes, and agrees with every checkpoint.</summary>
    public bool IsIntact => Problem is null;

    /// <summary>Whether it is intact and every record of every chain is proven by an attested checkpoint.</summary>
    public bool IsFullyProven => IsIntact && Chains.Count > 0 && Chains.All(c => c.FullyProven);

    /// <summary>Whether it is intact, fully proven, begins every chain at its genesis and has no gap.</summary>
    public bool IsComplete => IsFullyProven && Chains.All(c => c.Genesis is not null && c.Gaps.Count == 0);

    /// <summary>How many records the file holds.</summary>
    public long Records => Chains.Sum(c => c.Records);
}
