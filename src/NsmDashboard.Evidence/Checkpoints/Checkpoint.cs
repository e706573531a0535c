using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Checkpoints;

/// <summary>
/// A chain head as it is bound into an attestation document's <c>user_data</c>: 190 bytes, fixed layout
/// (docs/audit-trail.md, "Checkpoints"):
/// <code>
///   0  36  "nsm-dashboard/evidence/checkpoint/v1" (ASCII)
///  36   1  0x00
///  37   1  stream: 1 audit, 2 eventlog
///  38   8  sequence, unsigned big-endian
///  46  48  head: SHA-384 of record [sequence]
///  94  48  chain: SHA-384 of the chain's genesis record
/// 142  48  PCR table digest (<see cref="PcrTable.Digest"/>), or 48 zero bytes when no table is bound
/// </code>
/// The domain string makes these bytes mean nothing else; the dashboard refuses callers' <c>user_data</c> that
/// begins with it, so only the dashboard itself can have a checkpoint attested.
/// </summary>
/// <param name="Stream">The chain's stream.</param>
/// <param name="Sequence">The head's sequence number.</param>
/// <param name="Head">The head's hash.</param>
/// <param name="ChainId">The chain's id.</param>
/// <param name="PcrTableDigest">The digest of the PCRs read with the head; null when none are bound.</param>
public sealed record Checkpoint(EvidenceLog Stream, long Sequence, EvidenceHash Head, EvidenceHash ChainId, EvidenceHash? PcrTableDigest = null)
{
    /// <summary>The domain string.</summary>
    public const string Domain = "nsm-dashboard/evidence/checkpoint/v1";

    /// <summary>The length of the encoding (far below the NSM's 512-byte user_data limit).</summary>
    public const int EncodedLength = 190;

    private const int StreamOffset = 37;
    private const int SequenceOffset = 38;
    private const int HeadOffset = 46;
    private const int ChainOffset = 94;
    private const int PcrTableOffset = 142;

    private static readonly byte[] Prefix = [.. Encoding.ASCII.GetBytes(Domain), 0];

    /// <summary>The checkpoint of a chain head, with the PCRs read with it when given.</summary>
    public static Checkpoint Of(ChainHead head, PcrTable? pcrs = null) => new(head.Stream, head.Sequence, head.Hash, head.ChainId, pcrs?.Digest);

    /// <summary>
    /// Whether user_data lies in the evidence domain (begins with <c>nsm-dashboard/evidence/</c>): a dashboard
    /// refuses such user_data from callers, so that only it can have a checkpoint attested.
    /// </summary>
    public static bool IsReserved(ReadOnlySpan<byte> userData) => userData.StartsWith("nsm-dashboard/evidence/"u8);

    /// <summary>The 190 bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        Prefix.CopyTo(bytes, 0);
        bytes[StreamOffset] = (byte)Stream;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(SequenceOffset), (ulong)Sequence);
        Head.CopyTo(bytes.AsSpan(HeadOffset));
        ChainId.CopyTo(bytes.AsSpan(ChainOffset));
        PcrTableDigest?.CopyTo(bytes.AsSpan(PcrTableOffset));
        return bytes;
    }

    /// <summary>Decodes user_data; anything but exactly this layout is refused.</summary>
    /// <param name="userData">The document's user_data.</param>
    /// <param name="checkpoint">The checkpoint, when it is one.</param>
    /// <param name="problem">Why it is not, otherwise.</param>
    public static bool TryDecode(ReadOnlySpan<byte> userData, [NotNullWhen(true)] out Checkpoint? checkpoint, [NotNullWhen(false)] out string? problem)
    {
        checkpoint = null;
        if (!userData.StartsWith(Prefix))
        {
            problem = $"user_data does not begin with \"{Domain}\\0\": it is not a checkpoint";
            return false;
        }

        if (userData.Length != EncodedLength)
        {
            problem = $"a checkpoint has {EncodedLength} bytes; this user_data has {userData.Length}";
            return false;
        }

        var stream = userData[StreamOffset];
        if (!EvidenceLogs.IsDefined(stream))
        {
            problem = $"the stream byte is {stream}, neither 1 (audit) nor 2 (eventlog)";
            return false;
        }

        var sequence = BinaryPrimitives.ReadUInt64BigEndian(userData[SequenceOffset..]);
        if (sequence > Canonical.EvidenceValue.MaxInteger)
        {
            problem = $"the sequence {sequence} is beyond 2^53 - 1";
            return false;
        }

        var table = userData.Slice(PcrTableOffset, EvidenceHash.Length);
        checkpoint = new Checkpoint(
            (EvidenceLog)stream,
            (long)sequence,
            EvidenceHash.FromBytes(userData.Slice(HeadOffset, EvidenceHash.Length)),
            EvidenceHash.FromBytes(userData.Slice(ChainOffset, EvidenceHash.Length)),
            table.ContainsAnyExcept((byte)0) ? EvidenceHash.FromBytes(table) : null);
        problem = null;
        return true;
    }
}
