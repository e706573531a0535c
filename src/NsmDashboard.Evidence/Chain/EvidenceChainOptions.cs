namespace NsmDashboard.Evidence.Chain;

/// <summary>How much an <see cref="EvidenceChain{TPayload}"/> keeps in memory (an enclave has no disk).</summary>
public sealed class EvidenceChainOptions
{
    /// <summary>How many records are kept; older ones are dropped, and reported as a gap to later exports. At least 1.</summary>
    public int Capacity { get; init; } = 10_000;

    /// <summary>
    /// How many bytes of record data are kept; beyond it the oldest records let go of their data (their SHA-384 and
    /// length stay, hashed). Default: no limit.
    /// </summary>
    public long MaxDataBytes { get; init; } = long.MaxValue;
}
