using System.Buffers;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;

namespace NsmDashboard.Evidence.Export;

/// <summary>
/// Writes trail lines: each the RFC 8785 form of its object followed by one <c>\n</c> (docs/audit-trail.md,
/// "Lines"). A record's line is its canonical object with <c>hash</c> (and <c>data</c>, when kept) added.
/// </summary>
public static class TrailLines
{
    /// <summary>The genesis line.</summary>
    public static void WriteGenesis(IBufferWriter<byte> output, ChainGenesis genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        WriteLine(output, With(genesis.Record, genesis.Hash, null));
    }

    /// <summary>A record's line, with its data when the writer still holds it.</summary>
    public static void WriteRecord<TPayload>(IBufferWriter<byte> output, EvidenceLog stream, ChainedRecord<TPayload> record)
        where TPayload : IEvidencePayload
    {
        ArgumentNullException.ThrowIfNull(record);
        WriteLine(output, With(record.ToRecord(stream), record.Hash, record.Data));
    }

    /// <summary>A gap line: records no longer in memory, and the hash that continues the chain after them.</summary>
    public static void WriteGap(IBufferWriter<byte> output, EvidenceLog stream, ChainGap gap) =>
        WriteLine(output, new EvidenceObjectBuilder(7)
            .Add(TrailMembers.Version, TrailMembers.CurrentVersion)
            .Add(TrailMembers.Stream, stream.Name())
            .Add(TrailMembers.Type, TrailMembers.GapType)
            .Add(TrailMembers.From, gap.From)
            .Add(TrailMembers.Through, gap.Through)
            .Add(TrailMembers.Head, gap.Head.ToString())
            .Build());

    /// <summary>A checkpoint line.</summary>
    public static void WriteCheckpoint(IBufferWriter<byte> output, CheckpointLine checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        WriteLine(output, checkpoint.ToObject());
    }

    /// <summary>Any object as one line.</summary>
    public static void WriteLine(IBufferWriter<byte> output, EvidenceObject line)
    {
        ArgumentNullException.ThrowIfNull(output);
        CanonicalJson.Write(output, line);
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }

    private static EvidenceObject With(EvidenceObject record, EvidenceHash hash, ReadOnlyMemory<byte>? data)
    {
        var builder = new EvidenceObjectBuilder(record.Count + 2);
        foreach (var (name, value) in record.Members)
        {
            builder.Add(name, value);
        }

        builder.Add(TrailMembers.Hash, hash.ToString());
        if (data is { } bytes)
        {
            builder.Add(TrailMembers.Data, Convert.ToHexStringLower(bytes.Span));
        }

        return builder.Build();
    }
}
