namespace NsmDashboard.Evidence.Verification;

/// <summary>Records a chain's export stated as gone from the dashboard's memory.</summary>
/// <param name="From">The first missing record.</param>
/// <param name="Through">The last missing record.</param>
/// <param name="AtStart">Whether the gap comes right after the genesis (the file began after the dashboard had dropped them).</param>
/// <param name="Lost">How many of them the chain itself says were lost in the enclave before any export.</param>
public sealed record TrailGap(long From, long Through, bool AtStart, long Lost)
{
    /// <summary>How many records are missing.</summary>
    public long Count => Through - From + 1;

    /// <summary>How many of them the dashboard had exported before dropping them (to this or another client).</summary>
    public long Exported => Count - Lost;
}
