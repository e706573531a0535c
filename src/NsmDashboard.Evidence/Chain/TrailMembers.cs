namespace NsmDashboard.Evidence.Chain;

/// <summary>The member names and line types every trail line uses (docs/audit-trail.md, "Lines").</summary>
public static class TrailMembers
{
    /// <summary>The format version, <see cref="CurrentVersion"/>.</summary>
    public const string Version = "v";

    /// <summary><c>audit</c> or <c>eventlog</c>.</summary>
    public const string Stream = "stream";

    /// <summary>What the line is: <see cref="GenesisType"/>, <see cref="RecordType"/>, <see cref="GapType"/> or <see cref="CheckpointType"/>.</summary>
    public const string Type = "type";

    /// <summary>The record's sequence number in its chain: 0 for the genesis, then 1, 2, …</summary>
    public const string Sequence = "seq";

    /// <summary>SHA-384 of the previous record's canonical bytes (for the genesis: the seed).</summary>
    public const string Previous = "prev";

    /// <summary>When it happened: UTC, milliseconds, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const string Time = "time";

    /// <summary>SHA-384 of this record's canonical bytes; not itself hashed.</summary>
    public const string Hash = "hash";

    /// <summary>The extend data as hex, when kept; not hashed (its SHA-384 and length are).</summary>
    public const string Data = "data";

    /// <summary>On a record: the run of records the dashboard dropped from memory before any export had served them.</summary>
    public const string Lost = "lost";

    /// <summary>Range bounds (of a gap, of a lost run).</summary>
    public const string From = "from";

    /// <summary>Range bounds (of a gap, of a lost run).</summary>
    public const string Through = "through";

    /// <summary>On a gap: the hash of its last missing record; on a checkpoint: the attested head.</summary>
    public const string Head = "head";

    /// <summary>On a genesis: the module id (the enclave) the dashboard runs on.</summary>
    public const string ModuleId = "moduleId";

    /// <summary>On a genesis: 16 random bytes as hex, fresh at every start of the dashboard.</summary>
    public const string ProcessId = "processId";

    /// <summary>On a checkpoint: the chain's id, the hash of its genesis record.</summary>
    public const string Chain = "chain";

    /// <summary>On a checkpoint: the attestation document, standard base64.</summary>
    public const string Document = "document";

    /// <summary>On a checkpoint: the nonce the document carries, hex; absent when it carries none.</summary>
    public const string Nonce = "nonce";

    /// <summary>On a checkpoint: why it was taken (<c>interval</c>, <c>shutdown</c>, <c>request</c>, <c>pull</c>); informational.</summary>
    public const string Taken = "taken";

    /// <summary>The line type of a chain's first record.</summary>
    public const string GenesisType = "genesis";

    /// <summary>The line type of every other record.</summary>
    public const string RecordType = "record";

    /// <summary>The line type of an exporter's statement that records are no longer in memory.</summary>
    public const string GapType = "gap";

    /// <summary>The line type of an attested chain head.</summary>
    public const string CheckpointType = "checkpoint";

    /// <summary>The format version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The members a record's hash leaves out: the hash itself, and the data whose SHA-384 and length are hashed.</summary>
    internal static readonly string[] Unhashed = [Hash, Data];
}
