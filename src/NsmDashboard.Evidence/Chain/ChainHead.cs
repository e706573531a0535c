namespace NsmDashboard.Evidence.Chain;

/// <summary>The newest record of a chain: what a checkpoint attests.</summary>
/// <param name="Stream">The chain's stream.</param>
/// <param name="Sequence">The newest record's sequence number (0: only the genesis).</param>
/// <param name="Hash">Its hash.</param>
/// <param name="ChainId">The chain's id, the hash of its genesis.</param>
public readonly record struct ChainHead(EvidenceLog Stream, long Sequence, EvidenceHash Hash, EvidenceHash ChainId);
