using System.Globalization;
using Microsoft.Extensions.Logging;

namespace NsmDashboard.Proxy;

/// <summary>
/// One line per event on standard error: a UTC timestamp, the level and the message, filtered by
/// <c>--log-level</c>. Small on purpose: the native binary carries no logging framework.
/// </summary>
internal sealed class ProxyLogger(TextWriter output, LogLevel minimum) : ILogger
{
    private readonly Lock _gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string message = formatter(state, exception);
        if (exception is not null && !message.Contains(exception.Message, StringComparison.Ordinal))
        {
            message = $"{message}: {exception.Message}";
        }

        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {Name(logLevel)} {message}");
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    /// <summary>The words <c>--log-level</c> accepts.</summary>
    public static bool TryParseLevel(string text, out LogLevel level)
    {
        (bool ok, level) = text.Trim().ToUpperInvariant() switch
        {
            "TRACE" => (true, LogLevel.Trace),
            "DEBUG" => (true, LogLevel.Debug),
            "INFO" or "INFORMATION" => (true, LogLevel.Information),
            "WARN" or "WARNING" => (true, LogLevel.Warning),
            "ERROR" => (true, LogLevel.Error),
            "NONE" or "QUIET" => (true, LogLevel.None),
            _ => (false, LogLevel.None),
        };
        return ok;
    }

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info ",
        LogLevel.Warning => "warn ",
        LogLevel.Error => "error",
        _ => "crit ",
    };
}
