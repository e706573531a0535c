namespace NsmDashboard.Evidence.Verification;

/// <summary>What breaks a trail. Any of them makes the trail unproven from <see cref="TrailProblem.Sequence"/> on.</summary>
public enum TrailProblemKind
{
    /// <summary>A line is not a trail line: not JSON, a member missing or of the wrong type, an unknown type or version.</summary>
    Malformed,

    /// <summary>A line belongs to the other stream (an event-log line in an audit trail, or the reverse).</summary>
    StreamMismatch,

    /// <summary>A record does not hash to its <c>hash</c>: it was modified.</summary>
    Modified,

    /// <summary>A record's <c>data</c> is not what its <c>dataSha384</c> and <c>dataLength</c> say.</summary>
    DataMismatch,

    /// <summary>A sequence number is skipped: a record was deleted (or moved later).</summary>
    Missing,

    /// <summary>A sequence number repeats or goes back: a record was inserted, repeated or moved earlier.</summary>
    OutOfOrder,

    /// <summary>A record's <c>prev</c> is not the hash of the record before it: one of the two was rewritten.</summary>
    Unlinked,

    /// <summary>A genesis record's <c>prev</c> is not the seed of its own inputs.</summary>
    GenesisInvalid,

    /// <summary>A checkpoint's document is not a valid attestation document binding a checkpoint.</summary>
    CheckpointInvalid,

    /// <summary>A checkpoint attests a head other than the file's record at that sequence: records up to it were rewritten.</summary>
    CheckpointMismatch,

    /// <summary>A checkpoint attests a chain this file does not hold, or comes from another module.</summary>
    CheckpointForeign,

    /// <summary>The file ends inside a line, or before the record a checkpoint proves: its tail was cut.</summary>
    Truncated,

    /// <summary>Records are missing that the dashboard did not lose: it had exported them before dropping them.</summary>
    GapUnexplained,
}
