using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;

namespace NsmDashboard.Web.Features.Evidence;

/// <summary>One chain as <c>GET /api/audit/chain</c> and <c>GET /api/eventlog/chain</c> describe it.</summary>
/// <param name="Stream"><c>audit</c> or <c>eventlog</c>.</param>
/// <param name="ChainId">The chain's id: the hash of its genesis.</param>
/// <param name="ModuleId">The module its genesis names.</param>
/// <param name="Started">When this run began (the genesis time).</param>
/// <param name="HeadSequence">The newest record's sequence number (0: only the genesis).</param>
/// <param name="HeadHash">The newest record's hash.</param>
/// <param name="InMemory">Records held now.</param>
/// <param name="Capacity">Records held at most.</param>
/// <param name="Dropped">Records dropped from memory since the start.</param>
/// <param name="Lost">Of those, records no export had served: the chain names them as lost.</param>
/// <param name="LatestCheckpoint">The newest checkpoint taken, for any reason; null before the first.</param>
/// <param name="KeptCheckpoints">How many of its own checkpoints the dashboard holds for exports.</param>
public sealed record ChainStatusResponse(
    string Stream,
    string ChainId,
    string ModuleId,
    DateTimeOffset Started,
    long HeadSequence,
    string HeadHash,
    int InMemory,
    int Capacity,
    long Dropped,
    long Lost,
    CheckpointSummary? LatestCheckpoint,
    int KeptCheckpoints);

/// <summary>A checkpoint in a chain's status.</summary>
/// <param name="Sequence">The record it attests.</param>
/// <param name="Head">That record's hash.</param>
/// <param name="Time">When the NSM signed it.</param>
/// <param name="Taken"><c>interval</c>, <c>shutdown</c> or <c>request</c>.</param>
/// <param name="PcrTable">Whether it binds the PCRs read with the head.</param>
public sealed record CheckpointSummary(long Sequence, string Head, DateTimeOffset? Time, string Taken, bool PcrTable)
{
    /// <summary>The summary of a checkpoint line.</summary>
    public static CheckpointSummary From(CheckpointLine line, DateTimeOffset? time)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new CheckpointSummary(line.Checkpoint.Sequence, line.Checkpoint.Head.ToString(), time, line.Taken, line.Pcrs is not null);
    }
}
