namespace NsmDashboard.Proxy;

/// <summary>The exit codes of <c>nsm-proxy</c>; scripts and unit files rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Stopped by a signal after draining (or <c>--help</c>).</summary>
    public const int Success = 0;

    /// <summary>Could not start: the listen address is taken, the enclave's CID could not be found, …</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: an unknown option, a malformed address, conflicting options.</summary>
    public const int Usage = 2;
}
