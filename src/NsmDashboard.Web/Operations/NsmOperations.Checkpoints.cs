using System.Globalization;
using System.Security.Cryptography;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Operations;

// Checkpoints: the dashboard has the head of its audit trail or event log attested, on its own account.
public sealed partial class NsmOperations
{
    /// <summary>
    /// Takes a checkpoint (docs/audit-trail.md, "Checkpoints"): under the gate that orders every operation and every
    /// record, reads the chain's head and every PCR, and asks the NSM for a document whose user_data binds both (and
    /// the caller's nonce, when given). Audited like any attestation — after the head was read, so the record of the
    /// checkpoint is the first one the next checkpoint proves.
    /// </summary>
    /// <param name="readHead">Reads the chain's head (called under the gate, so no record is appended meanwhile).</param>
    /// <param name="nonce">The caller's nonce (1–512 bytes), or null.</param>
    /// <param name="taken">Why: <see cref="CheckpointLine.TakenOnInterval"/>, <see cref="CheckpointLine.TakenAtShutdown"/> or <see cref="CheckpointLine.TakenOnRequest"/>.</param>
    /// <param name="caller">The dashboard's own caller (<see cref="NsmCaller.Server"/>), with the requester's address when there is one.</param>
    /// <param name="cancellationToken">Cancels waiting for the gate.</param>
    public async Task<CheckpointLine> AttestCheckpointAsync(
        Func<ChainHead> readHead, byte[]? nonce, string taken, NsmCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readHead);
        ArgumentNullException.ThrowIfNull(taken);
        ArgumentNullException.ThrowIfNull(caller);
        var record = new NsmOperationRecord(default, caller, NsmOperationKind.Attestation, null, NsmOperationOutcome.Succeeded)
        {
            Details = "checkpoint",
        };
        // The checkpoint's own user_data is in the reserved domain: the role and rate checks run without the request.
        await DenyUnlessAllowedAsync(record, null, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var head = readHead();
            PcrTable pcrs;
            ReadOnlyMemory<byte> document;
            var checkpoint = Checkpoint.Of(head);
            var details = string.Create(CultureInfo.InvariantCulture,
                $"checkpoint of {head.Stream.Name()} record {head.Sequence} (head {head.Hash.ToShortString()}…), nonce {(nonce is null ? "none" : $"{nonce.Length} bytes")}");
            try
            {
                pcrs = await ReadPcrTableAsync(cancellationToken).ConfigureAwait(false);
                checkpoint = Checkpoint.Of(head, pcrs);
                document = await client.GetAttestationDocumentAsync(
                    new AttestationRequest(UserData: checkpoint.Encode(), Nonce: nonce is null ? (ReadOnlyMemory<byte>?)null : nonce),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (NsmException ex)
            {
                // A checkpoint whose answer was lost changed nothing and reached nobody: a failure, whatever the NSM did.
                Fail(record with { Details = details }, ex);
                throw;
            }

            var documentSha256 = Convert.ToHexStringLower(SHA256.HashData(document.Span));
            LogAttested(caller, details, document.Length, documentSha256);
            Record(record with { Details = $"{details}; document {document.Length} bytes, SHA-256 {documentSha256}" });
            return new CheckpointLine(checkpoint, document.ToArray(), nonce, taken, pcrs);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Every PCR the module has, as the checkpoint's table: an attestation document lists only the locked ones.
    private async Task<PcrTable> ReadPcrTableAsync(CancellationToken cancellationToken)
    {
        var description = await client.DescribeNsmAsync(cancellationToken).ConfigureAwait(false);
        var pcrs = new List<PcrValueEvidence>(description.MaxPcrs);
        for (ushort i = 0; i < description.MaxPcrs; i++)
        {
            var pcr = await client.DescribePcrAsync(i, cancellationToken).ConfigureAwait(false);
            pcrs.Add(new PcrValueEvidence(i, pcr.Lock, Convert.ToHexStringLower(pcr.Data.Span)));
        }

        return PcrTable.Create(pcrs);
    }
}
