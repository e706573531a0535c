namespace NsmDashboard.Evidence.Records;

/// <summary>The members of an audit record and of an event-log record beyond the common ones (docs/audit-trail.md, "Records").</summary>
public static class AuditRecordMembers
{
    /// <summary><c>ExtendPcr</c>, <c>LockPcr</c>, <c>LockPcrs</c> or <c>Attestation</c>.</summary>
    public const string Operation = "operation";

    /// <summary><c>Succeeded</c>, <c>Refused</c>, <c>Denied</c> or <c>Failed</c>.</summary>
    public const string Outcome = "outcome";

    /// <summary><c>dashboard</c>, <c>api</c> or <c>server</c> (the dashboard on its own account).</summary>
    public const string Channel = "channel";

    /// <summary>The circuit, connection or purpose within the channel.</summary>
    public const string Session = "session";

    /// <summary>The signed-in user or token name.</summary>
    public const string User = "user";

    /// <summary>Their role.</summary>
    public const string Role = "role";

    /// <summary>The client's address.</summary>
    public const string Address = "address";

    /// <summary>The PCR index (extend, lock) or the range (lock-range).</summary>
    public const string Argument = "argument";

    /// <summary>SHA-384 of the extend data, lowercase hex.</summary>
    public const string DataSha384 = "dataSha384";

    /// <summary>The extend data's length in bytes.</summary>
    public const string DataLength = "dataLength";

    /// <summary>Audit: whether the data itself was recorded (the line's <c>data</c>).</summary>
    public const string DataKept = "dataKept";

    /// <summary>Audit: the PCRs before; event log: the PCR value before (hex).</summary>
    public const string Before = "before";

    /// <summary>Audit: the PCRs after; event log: the value the NSM returned (hex).</summary>
    public const string After = "after";

    /// <summary>The NSM's error code when refused.</summary>
    public const string ErrorCode = "errorCode";

    /// <summary>Why it was refused, denied or failed.</summary>
    public const string Reason = "reason";

    /// <summary>Attestation: what the request carried, and the document's hash.</summary>
    public const string Details = "details";

    /// <summary>A PCR index.</summary>
    public const string Index = "index";

    /// <summary>A PCR's lock state.</summary>
    public const string Locked = "locked";

    /// <summary>A PCR's value.</summary>
    public const string Value = "value";

    /// <summary>Event log: true when only the data's hash and length were ever kept.</summary>
    public const string Private = "private";
}
