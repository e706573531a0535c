using System.Buffers;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;

namespace NsmDashboard.Evidence.Export;

/// <summary>
/// Streams a chain from a cursor as trail lines (what <c>GET /api/audit/export?after=SEQ</c> serves): the genesis
/// when the cursor is -1, a gap line for records no longer in memory, the records — each followed by the checkpoints
/// taken at it — up to the head as it was when the export began. Reads the writer in batches and flushes after each,
/// so the whole trail is never buffered.
/// </summary>
public static class TrailExport
{
    /// <summary>The records read from the writer per batch.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>Writes the export; returns the cursor it reached (the last sequence number written).</summary>
    /// <param name="chain">The chain.</param>
    /// <param name="after">The last sequence number the reader has; -1 for everything from the genesis.</param>
    /// <param name="output">Where the lines go.</param>
    /// <param name="checkpoints">Checkpoints the dashboard holds for this chain, any order; those at exported records are interleaved.</param>
    /// <param name="batchSize">Records per read of the writer.</param>
    /// <param name="cancellationToken">Stops the export between batches.</param>
    public static async Task<long> WriteAsync<TPayload>(
        EvidenceChain<TPayload> chain,
        long after,
        Stream output,
        IReadOnlyList<CheckpointLine> checkpoints,
        int batchSize = DefaultBatchSize,
        CancellationToken cancellationToken = default)
        where TPayload : IEvidencePayload
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(checkpoints);
        var bySequence = checkpoints
            .Where(c => c.Checkpoint.ChainId == chain.Genesis.Hash && c.Checkpoint.Stream == chain.Stream)
            .ToLookup(c => c.Checkpoint.Sequence);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var end = chain.Head.Sequence;
        var cursor = after;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = chain.ReadAfter(cursor, batchSize);
            if (batch.Genesis is { } genesis)
            {
                TrailLines.WriteGenesis(buffer, genesis);
                WriteCheckpoints(buffer, bySequence[0]);
            }

            if (batch.Gap is { } gap)
            {
                TrailLines.WriteGap(buffer, chain.Stream, gap);
                WriteCheckpoints(buffer, bySequence[gap.Through]);
            }

            foreach (var record in batch.Records)
            {
                TrailLines.WriteRecord(buffer, chain.Stream, record);
                WriteCheckpoints(buffer, bySequence[record.Sequence]);
            }

            if (buffer.WrittenCount > 0)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }

            if (batch.Cursor == cursor || batch.Cursor >= end)
            {
                return batch.Cursor;
            }

            cursor = batch.Cursor;
        }
    }

    private static void WriteCheckpoints(IBufferWriter<byte> buffer, IEnumerable<CheckpointLine> checkpoints)
    {
        foreach (var checkpoint in checkpoints)
        {
            TrailLines.WriteCheckpoint(buffer, checkpoint);
        }
    }
}
