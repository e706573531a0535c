using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Cli.Infrastructure.Pull;

/// <summary>
/// Counts what a pull appends: records, and among them those that need a new checkpoint — every record except the
/// dashboard's own checkpoint attestations, which each checkpoint adds to the audit trail and which would otherwise
/// call for a checkpoint of their own, forever.
/// </summary>
internal sealed class PullCounter(EvidenceLog stream) : ITrailObserver
{
    public long Records { get; private set; }

    public long NeedingProof { get; private set; }

    public long? First { get; private set; }

    public long? Last { get; private set; }

    public void ChainStarted(ChainGenesis? genesis)
    {
        // A new chain (the dashboard restarted) needs a checkpoint of its own.
        NeedingProof++;
    }

    public void Record(long sequence, EvidenceObject record, byte[]? data)
    {
        Records++;
        First ??= sequence;
        Last = sequence;
        if (stream != EvidenceLog.Audit || !CheckpointCallers.IsCheckpointAttestation(record))
        {
            NeedingProof++;
        }
    }

    public void Gap(long from, long through)
    {
    }

    public void ResetRound()
    {
        Records = 0;
        First = null;
        Last = null;
    }

    public void ResetProof() => NeedingProof = 0;
}
