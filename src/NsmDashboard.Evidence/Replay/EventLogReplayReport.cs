using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Evidence.Replay;

/// <summary>The replay of an exported event log.</summary>
/// <param name="ComparedWith">The checkpoint whose PCR table the fold was compared with: the newest proven one that has a table; null when none has.</param>
/// <param name="ComparedChain">The chain of that checkpoint.</param>
/// <param name="Pcrs">Every PCR the log extended or the table lists, by index.</param>
public sealed record EventLogReplayReport(TrailCheckpoint? ComparedWith, int? ComparedChain, IReadOnlyList<PcrReplayLine> Pcrs);
