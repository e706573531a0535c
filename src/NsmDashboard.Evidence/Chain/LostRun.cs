namespace NsmDashboard.Evidence.Chain;

/// <summary>
/// A run of consecutive records a chain writer dropped from its memory before any export had served them. A record
/// appended while such a run grows names the whole run so far (<c>"lost": {"from": …, "through": …}</c>), which is
/// how a verifier tells an honest gap from records removed after they were exported (docs/audit-trail.md, "Gaps").
/// </summary>
/// <param name="From">The first record of the run.</param>
/// <param name="Through">The last record of the run so far.</param>
public readonly record struct LostRun(long From, long Through)
{
    /// <summary>How many records the run holds.</summary>
    public long Count => Through - From + 1;
}
