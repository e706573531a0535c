namespace NsmDashboard.Cli;

/// <summary>The exit codes of <c>nsm</c>, listed in its help and the README. Scripts rely on them: never renumber.</summary>
internal enum ExitCode
{
    /// <summary>The command did what was asked; for <c>verify</c>, the document is valid.</summary>
    Success = 0,

    /// <summary>
    /// The NSM answered <c>{"Error": …}</c> (its ErrorCode is printed); for <c>verify</c>, the document is
    /// invalid (the first failing check is printed).
    /// </summary>
    Failure = 1,

    /// <summary>Bad usage: a parse error, bad hex, a bad index, conflicting options, an unreadable file.</summary>
    Usage = 2,

    /// <summary>The device is unavailable or failed (errno printed), or it answered something that is not NSM CBOR.</summary>
    DeviceUnavailable = 3,
}
