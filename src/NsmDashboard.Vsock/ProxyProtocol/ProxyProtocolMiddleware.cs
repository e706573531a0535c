using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace NsmDashboard.Vsock;

/// <summary>
/// A Kestrel connection middleware that reads the PROXY v2 header (<see cref="ProxyProtocolV2"/>) a relay writes at
/// the start of each vsock connection, and makes the client it names the connection's
/// <see cref="BaseConnectionContext.RemoteEndPoint"/>, so that <c>HttpContext.Connection.RemoteIpAddress</c> (rate
/// limits, the audit trail, logs) is the browser's address instead of the relay's vsock CID, which is no IP at all.
/// Put it on the vsock endpoint first, before TLS (the header precedes the ClientHello):
/// <code>
/// kestrel.Listen(new VsockEndPoint(VsockCid.Any, 5000), listen =&gt;
/// {
///     listen.Use(next =&gt; new ProxyProtocolMiddleware(next, options, logger).OnConnectionAsync);
///     listen.UseHttps(…);
/// });
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// Only on vsock. A client that reaches a TCP listener directly could write a header too and choose its own address
/// (the specification's section 5: accept it only from known sources, by configuration). On vsock the only peer is
/// the parent instance; the middleware refuses any connection whose local endpoint is not a
/// <see cref="VsockEndPoint"/>, so a misplaced registration fails closed.
/// </para>
/// <para>
/// The address is what the relay claims. A hostile parent can claim any address for each connection; limits that
/// must hold against it cannot be per address (the dashboard limits sign-ins per user name too, and hashing globally).
/// </para>
/// <para>
/// Refusals (missing, malformed, truncated, oversized or late headers) close the connection at once, are counted in
/// <see cref="ProxyProtocolOptions.Statistics"/>, and are logged at most once per
/// <see cref="ProxyProtocolOptions.RejectionLogInterval"/>.
/// </para>
/// </remarks>
public sealed partial class ProxyProtocolMiddleware
{
    private readonly ConnectionDelegate _next;
    private readonly ProxyProtocolOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _logGate = new();
    private long _lastLogged = long.MinValue;
    private long _refusedSinceLastLine;

    /// <summary>Creates the middleware.</summary>
    /// <param name="next">The rest of the connection pipeline (TLS, then HTTP).</param>
    /// <param name="options">Mode, timeout, maximum length, statistics.</param>
    /// <param name="logger">Where refusals (and, at Debug, each header) are logged.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ProxyProtocolMiddleware(ConnectionDelegate next, ProxyProtocolOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _next = next;
        _options = options;
        _logger = logger;
    }

    /// <summary>Reads the header, then hands the connection on; or refuses it.</summary>
    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_options.Mode == ProxyProtocolMode.Off)
        {
            await _next(connection).ConfigureAwait(false);
            return;
        }

        EndPoint? relay = connection.RemoteEndPoint;
        if (connection.LocalEndPoint is not VsockEndPoint)
        {
            Refuse(connection, relay, ProxyHeaderError.NotVsock);
            return;
        }

        (ProxyHeader? header, ProxyHeaderError error) = await ReadHeaderAsync(connection.Transport.Input).ConfigureAwait(false);
        if (error != ProxyHeaderError.None)
        {
            Refuse(connection, relay, error);
            return;
        }

        if (header is null)
        {
            _options.Statistics.CountWithoutHeader();
            LogWithoutHeader(_logger, connection.ConnectionId, relay);
        }
        else
        {
            connection.Features.Set<IProxyProtocolFeature>(new ProxyProtocolFeature(header, relay));
            if (header.Command == ProxyCommand.Proxy && header.Source is { } client)
            {
                connection.RemoteEndPoint = client;
                _options.Statistics.CountProxied();
            }
            else
            {
                _options.Statistics.CountLocal();
            }

            LogHeader(_logger, connection.ConnectionId, relay, header.Command, header.Source);
        }

        await _next(connection).ConfigureAwait(false);
    }

    // Returns (header, None) for a header, (null, None) for a connection without one that Accept lets through,
    // (null, error) for a refusal. Consumes exactly the header's bytes; leaves everything else for the next layer.
    private async Task<(ProxyHeader? Header, ProxyHeaderError Error)> ReadHeaderAsync(PipeReader input)
    {
        using var timeout = new CancellationTokenSource(_options.HeaderTimeout, _options.TimeProvider);
        while (true)
        {
            ReadResult read;
            try
            {
                read = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return (null, ProxyHeaderError.Timeout);
            }
            catch (Exception ex) when (ex is ConnectionResetException or ConnectionAbortedException or IOException)
            {
                return (null, ProxyHeaderError.Truncated);
            }

            ReadOnlySequence<byte> buffer = read.Buffer;
            switch (ProxyProtocolV2.TryParse(buffer, _options.MaxHeaderLength, out ProxyHeader? header, out ProxyHeaderError error))
            {
                case ProxyHeaderStatus.Complete:
                    input.AdvanceTo(buffer.GetPosition(header!.Length));
                    return (header, ProxyHeaderError.None);
                case ProxyHeaderStatus.Invalid when error == ProxyHeaderError.MissingHeader && _options.Mode == ProxyProtocolMode.Accept:
                    input.AdvanceTo(buffer.Start);
                    return (null, ProxyHeaderError.None);
                case ProxyHeaderStatus.Invalid:
                    input.AdvanceTo(buffer.Start);
                    return (null, error);
                default:
                    if (read.IsCompleted || read.IsCanceled)
                    {
                        input.AdvanceTo(buffer.Start);
                        return (null, ProxyHeaderError.Truncated);
                    }

                    // Not enough yet: keep what arrived, wait for more.
                    input.AdvanceTo(buffer.Start, buffer.End);
                    break;
            }
        }
    }

    private void Refuse(ConnectionContext connection, EndPoint? relay, ProxyHeaderError error)
    {
        _options.Statistics.CountRejected(error);
        long suppressed = -1;
        lock (_logGate)
        {
            long now = _options.TimeProvider.GetTimestamp();
            if (_lastLogged == long.MinValue || _options.TimeProvider.GetElapsedTime(_lastLogged, now) >= _options.RejectionLogInterval)
            {
                suppressed = _refusedSinceLastLine;
                _refusedSinceLastLine = 0;
                _lastLogged = now;
            }
            else
            {
                _refusedSinceLastLine++;
            }
        }

        if (suppressed >= 0)
        {
            LogRefused(
                _logger,
                connection.ConnectionId,
                relay,
                ProxyProtocolV2.Describe(error),
                _options.Mode == ProxyProtocolMode.Require ? "required" : "accepted",
                suppressed,
                _options.Statistics.Rejected);
        }

        connection.Abort(new ConnectionAbortedException($"Refused: {ProxyProtocolV2.Describe(error)}."));
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Connection {ConnectionId} from {Relay} refused: {Reason} (the PROXY protocol header is {Mode} on this listener); {Suppressed} more refused since the last such line, {Total} in all")]
    private static partial void LogRefused(ILogger logger, string connectionId, EndPoint? relay, string reason, string mode, long suppressed, long total);

    [LoggerMessage(EventId = 41, Level = LogLevel.Debug, Message = "Connection {ConnectionId} from {Relay}: PROXY header {Command}, client {Client}")]
    private static partial void LogHeader(ILogger logger, string connectionId, EndPoint? relay, ProxyCommand command, EndPoint? client);

    [LoggerMessage(EventId = 42, Level = LogLevel.Debug, Message = "Connection {ConnectionId} from {Relay}: no PROXY header; keeping the vsock peer address")]
    private static partial void LogWithoutHeader(ILogger logger, string connectionId, EndPoint? relay);
}
