namespace NsmDashboard.Proxy;

/// <summary>A problem the proxy reports as one line and an exit code instead of a stack trace.</summary>
internal sealed class ProxyException(string message, int exitCode, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The process exit code to end with (<see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;

    public static ProxyException Usage(string message) => new(message, ExitCodes.Usage);

    public static ProxyException Failure(string message, Exception? innerException = null) => new(message, ExitCodes.Failure, innerException);
}
