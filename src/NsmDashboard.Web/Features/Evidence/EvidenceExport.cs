using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Export;

namespace NsmDashboard.Web.Features.Evidence;

/// <summary>
/// One export response: the chain after the cursor with the dashboard's own checkpoints, and — when the caller said it
/// would wait — a long poll: with nothing new, the response stays open until a record or checkpoint arrives, the
/// wait ends, or the dashboard stops. A dashboard that stops (SIGTERM) first takes its shutdown checkpoints, so a
/// follower still connected receives them before the process is gone.
/// </summary>
/// <typeparam name="TPayload">What the stream records.</typeparam>
internal sealed class EvidenceExport<TPayload>(EvidenceChain<TPayload> chain, EvidenceCheckpoints checkpoints, Stream output)
    where TPayload : IEvidencePayload
{
    // How long an export still open at shutdown waits for the shutdown checkpoints.
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(6);

    private readonly HashSet<CheckpointLine> _sent = new(ReferenceEqualityComparer.Instance);
    private volatile TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Writes the export; waits up to <paramref name="wait"/> for something new when there is nothing.</summary>
    public async Task WriteAsync(long cursor, TimeSpan wait, CancellationToken cancellationToken)
    {
        chain.Appended += OnAppended;
        checkpoints.Taken += OnTaken;
        // Checkpoints at records the caller has are its own business from an earlier export (it takes a fresh one of
        // its own anyway); only those taken while this response is open are sent late, so polling never repeats them.
        foreach (var kept in checkpoints.Kept(chain.Stream).Where(c => c.Checkpoint.Sequence <= cursor))
        {
            _sent.Add(kept);
        }

        try
        {
            var (next, wrote) = await WriteNewAsync(cursor, cancellationToken);
            if (!wrote && wait > TimeSpan.Zero)
            {
                next = await WaitForNewAsync(next, wait, cancellationToken);
            }

            if (checkpoints.Stopping.IsCancellationRequested)
            {
                // Stopping: the shutdown checkpoints (and the records of their attestations) are being taken; this
                // may be the last chance to hand them out, so the export waits for them before it ends.
                await checkpoints.ShutdownCheckpointsTaken.WaitAsync(ShutdownWait, cancellationToken);
                await WriteNewAsync(next, cancellationToken);
            }
        }
        catch (TimeoutException)
        {
            // The shutdown checkpoints did not come in time: the export ends with what it has.
        }
        finally
        {
            chain.Appended -= OnAppended;
            checkpoints.Taken -= OnTaken;
        }
    }

    // The long poll: until something new is written, the wait ends, or the dashboard begins to stop.
    private async Task<long> WaitForNewAsync(long cursor, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, checkpoints.Stopping);
        deadline.CancelAfter(wait);
        while (true)
        {
            try
            {
                await _changed.Task.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return cursor;
            }

            // A fresh signal before reading: whatever happens from here on wakes the next wait.
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (next, wrote) = await WriteNewAsync(cursor, cancellationToken);
            cursor = next;
            if (wrote)
            {
                return cursor;
            }
        }
    }

    // Records after the cursor with the checkpoints at them, then checkpoints for records already sent that this
    // response has not carried yet. Returns the new cursor and whether anything was written.
    private async Task<(long Cursor, bool Wrote)> WriteNewAsync(long cursor, CancellationToken cancellationToken)
    {
        var kept = checkpoints.Kept(chain.Stream).Where(c => !_sent.Contains(c)).ToList();
        var next = await TrailExport.WriteAsync(chain, cursor, output, kept, cancellationToken: cancellationToken);
        var late = kept.Where(c => c.Checkpoint.Sequence <= cursor && c.Checkpoint.Sequence >= 0 && c.Checkpoint.ChainId == chain.Genesis.Hash).ToList();
        if (late.Count > 0)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            foreach (var checkpoint in late)
            {
                TrailLines.WriteCheckpoint(buffer, checkpoint);
            }

            await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }

        var wrote = next != cursor || late.Count > 0;
        foreach (var checkpoint in kept.Where(c => c.Checkpoint.Sequence <= next))
        {
            _sent.Add(checkpoint);
        }

        return (next, wrote);
    }

    private void OnAppended(ChainedRecord<TPayload> record) => _changed.TrySetResult();

    private void OnTaken(CheckpointLine line) => _changed.TrySetResult();
}
