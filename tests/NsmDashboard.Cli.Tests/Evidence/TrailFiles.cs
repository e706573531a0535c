using System.Text;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Export;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Tests.Evidence;

/// <summary>Trail files built without a dashboard: exports of chains, checkpoints signed by a given module, forgeries.</summary>
internal static class TrailFiles
{
    /// <summary>A chain's export from its genesis, with these checkpoints.</summary>
    public static string Export<T>(EvidenceChain<T> chain, params CheckpointLine[] checkpoints)
        where T : IEvidencePayload
    {
        using var output = new MemoryStream();
        TrailExport.WriteAsync(chain, -1, output, checkpoints).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>A stored checkpoint (no nonce) of a chain's head, signed by <paramref name="signer"/>.</summary>
    public static CheckpointLine Checkpoint<T>(NsmClient signer, EvidenceChain<T> chain, PcrTable? pcrs = null)
        where T : IEvidencePayload
    {
        var checkpoint = NsmDashboard.Evidence.Checkpoints.Checkpoint.Of(chain.Head, pcrs);
        var document = signer.GetAttestationDocumentAsync(new AttestationRequest(UserData: checkpoint.Encode())).AsTask().GetAwaiter().GetResult();
        return new CheckpointLine(checkpoint, document.ToArray(), null, CheckpointLine.TakenOnInterval, pcrs);
    }

    /// <summary>
    /// What the parent can make with an enclave of its own under the dashboard's root: an audit trail of records it
    /// invented (genesis, one record), proven by a checkpoint that enclave signed at line 3.
    /// </summary>
    public static string Forged(NsmEmulator parentsEnclave)
    {
        var forged = new EvidenceChain<AuditEvidence>(ChainGenesis.Create(EvidenceLog.Audit, parentsEnclave.ModuleId, DateTimeOffset.UtcNow));
        forged.Append(new AuditEvidence(DateTimeOffset.UtcNow, "LockPcr", "Succeeded", "api", "c1") { User = "alice", Argument = 16 });
        return Export(forged, Checkpoint(new NsmClient(parentsEnclave), forged));
    }
}
