using System.Diagnostics.CodeAnalysis;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Checkpoints;

/// <summary>
/// A checkpoint as a trail line: the attestation document (the proof) and, for readers, what it attests. A verifier
/// trusts only the document: the other members must agree with it, or the line is malformed.
/// </summary>
/// <param name="Checkpoint">What the document's user_data attests.</param>
/// <param name="Document">The attestation document (COSE_Sign1).</param>
/// <param name="Nonce">The nonce the document carries; null when it carries none. An array: a null array would silently become empty memory.</param>
/// <param name="Taken">Why it was taken: <c>interval</c>, <c>shutdown</c>, <c>request</c> or <c>pull</c>.</param>
/// <param name="Pcrs">The PCRs read with the head, when the checkpoint binds them.</param>
public sealed record CheckpointLine(Checkpoint Checkpoint, ReadOnlyMemory<byte> Document, byte[]? Nonce, string Taken, PcrTable? Pcrs = null)
{
    /// <summary>The member that holds the PCR table.</summary>
    public const string PcrsMember = "pcrs";

    /// <summary>Taken by the dashboard on its own, every configured interval.</summary>
    public const string TakenOnInterval = "interval";

    /// <summary>Taken by the dashboard as it stopped.</summary>
    public const string TakenAtShutdown = "shutdown";

    /// <summary>Taken for a caller of the checkpoint route.</summary>
    public const string TakenOnRequest = "request";

    /// <summary>Fetched by <c>nsm audit pull</c> with its own fresh nonce.</summary>
    public const string TakenByPull = "pull";

    /// <summary>The line's object.</summary>
    public EvidenceObject ToObject()
    {
        var builder = new EvidenceObjectBuilder(10)
            .Add(TrailMembers.Version, TrailMembers.CurrentVersion)
            .Add(TrailMembers.Stream, Checkpoint.Stream.Name())
            .Add(TrailMembers.Type, TrailMembers.CheckpointType)
            .Add(TrailMembers.Sequence, Checkpoint.Sequence)
            .Add(TrailMembers.Head, Checkpoint.Head.ToString())
            .Add(TrailMembers.Chain, Checkpoint.ChainId.ToString())
            .Add(TrailMembers.Taken, Taken)
            .Add(TrailMembers.Document, Convert.ToBase64String(Document.Span));
        if (Nonce is { } nonce)
        {
            builder.Add(TrailMembers.Nonce, Convert.ToHexStringLower(nonce));
        }

        if (Pcrs is { } pcrs)
        {
            builder.Add(PcrsMember, pcrs.ToEvidence());
        }

        return builder.Build();
    }

    /// <summary>Reads the line's members (not yet the document: see <see cref="CheckpointVerifier"/>).</summary>
    public static bool TryRead(EvidenceObject line, [NotNullWhen(true)] out CheckpointLine? checkpoint, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(line);
        checkpoint = null;
        if (!TrailFields.TryGetStream(line, out var stream, out problem)
            || !TrailFields.TryGetInteger(line, TrailMembers.Sequence, out var sequence, out problem)
            || !TrailFields.TryGetHash(line, TrailMembers.Head, out var head, out problem)
            || !TrailFields.TryGetHash(line, TrailMembers.Chain, out var chain, out problem)
            || !TrailFields.TryGetString(line, TrailMembers.Taken, out var taken, out problem)
            || !TrailFields.TryGetString(line, TrailMembers.Document, out var base64, out problem)
            || !TrailFields.TryGetOptionalHex(line, TrailMembers.Nonce, out var nonce, out problem))
        {
            return false;
        }

        byte[] document;
        try
        {
            document = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            problem = "\"document\" is not base64";
            return false;
        }

        PcrTable? pcrs = null;
        if (line.TryGetValue(PcrsMember, out var table) && !PcrTable.TryRead(table, out pcrs, out problem))
        {
            return false;
        }

        checkpoint = new CheckpointLine(new Checkpoint(stream, sequence, head, chain, pcrs?.Digest), document, nonce, taken, pcrs);
        return true;
    }

    /// <summary>Whether the line's stated members agree with what the verified document attests.</summary>
    public bool AgreesWith(CheckpointVerification verification, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(verification);
        problem = null;
        if (verification.Checkpoint is { } attested && attested != Checkpoint)
        {
            problem = $"the line says {Describe(Checkpoint)}, but its document attests {Describe(attested)}";
            return false;
        }

        var documentNonce = verification.Document?.Nonce.TryGetBytes(out var bytes) == true ? bytes.ToArray() : null;
        if (!(documentNonce is null ? Nonce is null : Nonce is { } stated && stated.AsSpan().SequenceEqual(documentNonce)))
        {
            problem = "the line's \"nonce\" is not the nonce its document carries";
            return false;
        }

        // The NSM lists its locked PCRs in the document itself: the dashboard's table must say the same of them.
        if (Pcrs is { } table && verification.Document?.Pcrs is { } lockedPcrs)
        {
            foreach (var (index, value) in lockedPcrs)
            {
                if (table.Find(index) is not { Locked: true } entry || !string.Equals(entry.Value, Convert.ToHexStringLower(value.Span), StringComparison.Ordinal))
                {
                    problem = $"the line's \"pcrs\" do not show PCR{index} locked at the value its document attests";
                    return false;
                }
            }
        }

        return true;
    }

    private static string Describe(Checkpoint c) => $"{c.Stream.Name()} record {c.Sequence} head {c.Head.ToShortString()}… chain {c.ChainId.ToShortString()}…";
}
