namespace NsmDashboard.Web.Operations;

/// <summary>How an operation through <see cref="NsmOperations"/> ended.</summary>
public enum NsmOperationOutcome
{
    /// <summary>The NSM did it.</summary>
    Succeeded,

    /// <summary>The NSM answered with an error code (e.g. ReadOnlyIndex for a locked PCR).</summary>
    Refused,

    /// <summary>The dashboard refused before asking the NSM (authorization, rate limit).</summary>
    Denied,

    /// <summary>
    /// The device call failed (errno) or the answer could not be decoded, and the NSM is known not to have applied the
    /// request: it never left, or the PCRs read back afterwards are unchanged.
    /// </summary>
    Failed,

    /// <summary>
    /// Outcome unknown: the request may have reached the NSM but its answer was lost (a device error after sending, an
    /// answer that could not be decoded). The dashboard read the PCRs back (<see cref="NsmOperationRecord.After"/>, empty
    /// when that failed too) and says in the reason what they show; the event log does not count it as an extend,
    /// since the NSM never confirmed it.
    /// </summary>
    Unknown,
}
