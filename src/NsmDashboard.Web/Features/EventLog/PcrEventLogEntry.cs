using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Nsm.Pcrs;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// One extend the dashboard made, as the PCR event log keeps it: which PCR, with what (the data, or only its
/// SHA-384 and length when the operator marked it private), the value before and after, who and when.
/// </summary>
/// <param name="Sequence">The entry's position in the log, from 1, across all PCRs.</param>
/// <param name="Index">The PCR extended.</param>
/// <param name="DataSha384">SHA-384 of the extend data, lowercase hex.</param>
/// <param name="DataLength">Length of the extend data in bytes.</param>
/// <param name="Data">The extend data; <see langword="null"/> when it was private, or let go to stay within the memory budget (<see cref="DataDropped"/>).</param>
/// <param name="Before">The PCR as read just before the extend.</param>
/// <param name="After">The PCR as the NSM returned it after the extend.</param>
/// <param name="User">Who extended: the signed-in user, or the channel and id of the caller.</param>
/// <param name="Time">When the NSM answered.</param>
public sealed record PcrEventLogEntry(
    long Sequence,
    ushort Index,
    string DataSha384,
    int DataLength,
    ReadOnlyMemory<byte>? Data,
    ReadOnlyMemory<byte> Before,
    ReadOnlyMemory<byte> After,
    string User,
    DateTimeOffset Time) : IPcrReplayStep
{
    /// <summary>Whether the data was recorded and later let go to stay within the log's memory budget.</summary>
    public bool DataDropped { get; init; }

    /// <summary>Whether only the data's hash and length were recorded (the operator marked the extend private).</summary>
    public bool IsPrivate => Data is null && !DataDropped;

    /// <summary>SHA-384 of the previous record of the event-log chain, lowercase hex (empty for an imported entry).</summary>
    public string Previous { get; init; } = string.Empty;

    /// <summary>SHA-384 of this record's canonical bytes, lowercase hex (empty for an imported entry).</summary>
    public string Hash { get; init; } = string.Empty;

    /// <summary>The entry for a record of the event-log chain whose value before was read.</summary>
    public static PcrEventLogEntry From(ChainedRecord<PcrExtendEvidence> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var evidence = record.Payload;
        return new PcrEventLogEntry(
            record.Sequence,
            (ushort)evidence.Index,
            evidence.DataSha384,
            evidence.DataLength,
            // Spelled out: a null array would become an empty ReadOnlyMemory, i.e. "extended with nothing".
            record.Data is { } data ? data : (ReadOnlyMemory<byte>?)null,
            evidence.Before ?? throw new ArgumentException("The record has no value before.", nameof(record)),
            evidence.After,
            evidence.User,
            evidence.Time)
        {
            DataDropped = record.DataDropped,
            Previous = record.Previous.ToString(),
            Hash = record.Hash.ToString(),
        };
    }
}
