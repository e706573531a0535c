using System.Net;
using System.Runtime.Versioning;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace NsmDashboard.Vsock;

/// <summary>Kestrel's view of a <see cref="VsockListener"/>: accepted sockets become <see cref="VsockConnection"/>s.</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class VsockConnectionListener : IConnectionListener
{
    // After an accept error that is not about one lost connection (EMFILE, ENOMEM), pause before trying again
    // rather than spin; the queued connections wait in the kernel's backlog meanwhile.
    private static readonly TimeSpan AcceptErrorDelay = TimeSpan.FromMilliseconds(100);

    private readonly VsockListener _listener;
    private readonly VsockTransportOptions _options;
    private readonly ILogger _logger;

    public VsockConnectionListener(VsockListener listener, VsockTransportOptions options, ILogger logger)
    {
        _listener = listener;
        _options = options;
        _logger = logger;
        LogListening(_logger, listener.LocalEndPoint);
    }

    /// <summary>The bound address (with the real port when <see cref="VsockEndPoint.AnyPort"/> was asked for).</summary>
    public EndPoint EndPoint => _listener.LocalEndPoint;

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            VsockAcceptedSocket? accepted;
            try
            {
                accepted = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (VsockException ex)
            {
                LogAcceptFailed(_logger, _listener.LocalEndPoint, ex.Message);
                await Task.Delay(AcceptErrorDelay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (accepted is not { } connection)
            {
                return null;
            }

            var context = new VsockConnection(connection, _options, _logger);
            context.Start();
            return context;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, VsockEndPoint endPoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Accepting on {EndPoint} failed; retrying: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, VsockEndPoint endPoint, string reason);
}
