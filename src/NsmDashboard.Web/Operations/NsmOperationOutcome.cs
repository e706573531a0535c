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

    /// <summary>The device call failed (errno) or the answer could not be decoded.</summary>
    Failed,
}
