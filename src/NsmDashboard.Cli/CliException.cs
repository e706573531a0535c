namespace NsmDashboard.Cli;

/// <summary>
/// Ends a command with an exit code and a message for standard error. Commands throw it for every
/// expected failure, so exit codes and messages are decided in one place (<see cref="CliApp"/>).
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(ExitCode exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code.</summary>
    public ExitCode ExitCode { get; }

    /// <summary>A usage error (exit 2): bad input from the person or script calling <c>nsm</c>.</summary>
    public static CliException Usage(string message, Exception? innerException = null) =>
        new(ExitCode.Usage, message, innerException);
}
