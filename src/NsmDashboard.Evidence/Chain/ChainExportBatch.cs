namespace NsmDashboard.Evidence.Chain;

/// <summary>
/// What one read of a chain writer's memory gives an export: the genesis when the cursor is before it, the gap
/// when records after the cursor are gone, then the records in order.
/// </summary>
/// <typeparam name="TPayload">What the stream records.</typeparam>
/// <param name="Genesis">The genesis, when the cursor was -1 (before it).</param>
/// <param name="Gap">Records after the cursor that are no longer in memory, and the hash of the last of them.</param>
/// <param name="Records">The records, in order (at most the batch size asked for).</param>
/// <param name="Head">The chain's head at the time of the read.</param>
/// <param name="Cursor">The sequence number the next read continues after.</param>
public sealed record ChainExportBatch<TPayload>(
    ChainGenesis? Genesis,
    ChainGap? Gap,
    IReadOnlyList<ChainedRecord<TPayload>> Records,
    ChainHead Head,
    long Cursor)
    where TPayload : IEvidencePayload
{
    /// <summary>Whether the read reached the head: nothing more to give until a record is appended.</summary>
    public bool ReachedHead => Cursor >= Head.Sequence;
}

/// <summary>Records an export can no longer give: dropped from memory.</summary>
/// <param name="From">The first missing record.</param>
/// <param name="Through">The last missing record.</param>
/// <param name="Head">The hash of record <paramref name="Through"/>: record <c>Through + 1</c>'s <c>prev</c>, so the chain verifies across the gap.</param>
public readonly record struct ChainGap(long From, long Through, EvidenceHash Head);
