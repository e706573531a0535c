using Microsoft.Extensions.Logging;

namespace NsmDashboard.Vsock;

// Connection ids (#N) count accepted clients from 1, so the lines of one connection can be grepped together.
public sealed partial class RelayServer
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Listening on {Listen}, relaying to {Upstream} {ProxyHeader} a PROXY protocol v2 header (at most {MaxConnections} connections, {MaxPerSource} per source address)")]
    private static partial void LogListening(ILogger logger, string listen, string upstream, int maxConnections, int maxPerSource, string proxyHeader);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "#{Id} accepted from {Client}")]
    private static partial void LogAccepted(ILogger logger, long id, string client);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "#{Id} connected to {Upstream} in {Milliseconds:0.0} ms")]
    private static partial void LogConnected(ILogger logger, long id, string upstream, double milliseconds);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "#{Id} from {Client}: cannot connect to {Upstream} ({Milliseconds:0.0} ms): {Reason}; closed that client")]
    private static partial void LogDialFailed(ILogger logger, long id, string client, string upstream, double milliseconds, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "#{Id} {Client} -> {Upstream} closed ({Reason}{Error}): {ClientToUpstream} bytes up, {UpstreamToClient} bytes down, {Seconds:0.000} s, dial {DialMilliseconds:0.0} ms")]
    private static partial void LogClosed(ILogger logger, long id, string client, string upstream, RelayCloseReason reason, long clientToUpstream, long upstreamToClient, double seconds, double dialMilliseconds, string error);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "#{Id} from {Client} refused: {MaxConnections} connections are open (the maximum){More}")]
    private static partial void LogRefused(ILogger logger, long id, string client, int maxConnections, string more);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "#{Id} from {Client} refused: {MaxPerSource} connections from {Source} are open (the maximum per source address){More}")]
    private static partial void LogRefusedPerSource(ILogger logger, long id, string client, int maxPerSource, string source, string more);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "#{Id} from {Client}: cannot send the PROXY header to {Upstream}: {Reason}; closed that client")]
    private static partial void LogHeaderFailed(ILogger logger, long id, string client, string upstream, string reason);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Stopped accepting; waiting up to {DrainTimeout} for {Open} open connections")]
    private static partial void LogDraining(ILogger logger, int open, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Closing {Open} connections still open after {DrainTimeout}")]
    private static partial void LogClosingAfterDrain(ILogger logger, long open, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Accepting failed; retrying: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, string reason);
}
