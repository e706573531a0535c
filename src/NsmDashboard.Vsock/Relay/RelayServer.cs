using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;

namespace NsmDashboard.Vsock;

/// <summary>
/// An L4 proxy: accepts connections on a listener (TCP, Unix or vsock), dials the upstream (TCP, Unix or vsock)
/// once per connection, and relays the two with <see cref="ConnectionRelay"/>. What a vsock proxy must handle
/// (docs/vsock.md#relay): a failed dial closes that client only; at most <see cref="RelayServerOptions.MaxConnections"/>
/// connections, each one beyond closed at once with a log line; the stop signal stops accepting, lets open
/// connections finish for <see cref="RelayServerOptions.DrainTimeout"/>, then closes the rest. Logs accept and
/// dial at Debug, one summary line per connection at Information, refusals and dial failures at Warning.
/// One source (an IP address or a vsock CID) may hold at most <see cref="RelayServerOptions.MaxConnectionsPerSource"/>
/// of the connections, and refusals are logged at most once per <see cref="RelayServerOptions.RefusalLogInterval"/>.
/// With <see cref="RelayServerOptions.SendProxyProtocolHeader"/> each upstream connection starts with a PROXY v2 header
/// naming the client (<see cref="ProxyProtocolV2"/>), written before any byte of the client's is relayed.
/// </summary>
public sealed partial class RelayServer : IDisposable
{
    // After an accept error that is not about one connection (EMFILE), pause instead of spinning.
    private static readonly TimeSpan AcceptErrorDelay = TimeSpan.FromMilliseconds(100);

    private readonly Func<CancellationToken, ValueTask<Accepted?>> _accept;
    private readonly Action _stopListening;
    private readonly RelayServerOptions _options;
    private readonly ILogger _logger;
    private readonly string _upstreamText;
    private readonly string _listenText;
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly CancellationTokenSource _closeAll = new();
    private int _active;
    private long _lastId;
    private long _refused;
    private long _refusedPerSource;
    private long _dialFailures;

    /// <summary>Creates a server over a bound, listening TCP or Unix socket, which it owns from now on.</summary>
    /// <param name="listener">The listening socket.</param>
    /// <param name="upstream">Where to relay to: an <see cref="IPEndPoint"/>, <see cref="DnsEndPoint"/>, <see cref="UnixDomainSocketEndPoint"/> or <see cref="VsockEndPoint"/>.</param>
    /// <param name="options">Limits and timeouts.</param>
    /// <param name="logger">Where the per-connection lines go.</param>
    public RelayServer(Socket listener, EndPoint upstream, RelayServerOptions options, ILogger logger)
        : this(listener?.LocalEndPoint, upstream, options, logger, AcceptFrom(listener!), () => listener!.Dispose())
    {
    }

    /// <summary>Creates a server over a <see cref="VsockListener"/>, which it owns from now on.</summary>
    /// <inheritdoc cref="RelayServer(Socket, EndPoint, RelayServerOptions, ILogger)"/>
    [SupportedOSPlatform("linux")]
    public RelayServer(VsockListener listener, EndPoint upstream, RelayServerOptions options, ILogger logger)
        : this(listener?.LocalEndPoint, upstream, options, logger, AcceptFrom(listener!), () => listener!.Dispose())
    {
    }

    private RelayServer(
        EndPoint? localEndPoint,
        EndPoint upstream,
        RelayServerOptions options,
        ILogger logger,
        Func<CancellationToken, ValueTask<Accepted?>> accept,
        Action stopListening)
    {
        ArgumentNullException.ThrowIfNull(localEndPoint, "listener");
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (!UpstreamDialer.IsSupported(upstream))
        {
            throw new ArgumentException($"Cannot relay to a {upstream.GetType().Name}: use a TCP, Unix or vsock address.", nameof(upstream));
        }

        options.Validate();
        LocalEndPoint = localEndPoint;
        Upstream = upstream;
        _options = options;
        _logger = logger;
        _accept = accept;
        _stopListening = stopListening;
        _upstreamText = UpstreamDialer.Describe(upstream);
        _listenText = UpstreamDialer.Describe(localEndPoint);
    }

    /// <summary>The address clients connect to (with the real port when port 0 was bound).</summary>
    public EndPoint LocalEndPoint { get; }

    /// <summary>The address each connection is relayed to.</summary>
    public EndPoint Upstream { get; }

    /// <summary>Connections being dialed or relayed now.</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    /// <summary>
    /// Accepts and relays until <paramref name="stoppingToken"/> fires; then closes the listener, waits up to
    /// <see cref="RelayServerOptions.DrainTimeout"/> for open connections to end, closes those still open, and returns.
    /// </summary>
    public async Task<RelaySummary> RunAsync(CancellationToken stoppingToken)
    {
        LogListening(_logger, _listenText, _upstreamText, _options.MaxConnections, _options.MaxConnectionsPerSource, _options.SendProxyProtocolHeader ? "with" : "without");
        try
        {
            await AcceptLoopAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _stopListening();
        }

        long closedAfterDrain = await DrainAsync().ConfigureAwait(false);
        return new RelaySummary(
            Interlocked.Read(ref _lastId),
            Interlocked.Read(ref _refused),
            Interlocked.Read(ref _dialFailures),
            closedAfterDrain,
            Interlocked.Read(ref _refusedPerSource));
    }

    /// <summary>Closes the listener and every open connection at once (no drain); for a server whose <see cref="RunAsync"/> is not used or must end now.</summary>
    public void Dispose()
    {
        _stopListening();

        // Canceled, not disposed: connections still finishing read its token; it holds no timer or handle.
        _closeAll.Cancel();
    }

    private async Task AcceptLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Accepted? accepted;
            try
            {
                accepted = await _accept(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or VsockException)
            {
                LogAcceptFailed(_logger, ex.Message);
                try
                {
                    await Task.Delay(AcceptErrorDelay, _options.Relay.TimeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (accepted is not { } client)
            {
                return;
            }

            Admit(client);
        }
    }

    private void Admit(Accepted client)
    {
        long id = Interlocked.Increment(ref _lastId);
        if (Interlocked.Increment(ref _active) > _options.MaxConnections)
        {
            Interlocked.Decrement(ref _active);
            Refuse(id, client, source: null);
            return;
        }

        EndPoint? source = SourceOf(client.RemoteEndPoint);
        if (source is not null && !TryEnterSource(source))
        {
            Interlocked.Decrement(ref _active);
            Refuse(id, client, source);
            return;
        }

        Task connection = HandleAsync(id, client, source);
        _connections.TryAdd(id, connection);
        if (connection.IsCompleted)
        {
            // It finished before it was added (its own removal found nothing): remove it here.
            _connections.TryRemove(id, out _);
        }
    }

    private async Task<long> DrainAsync()
    {
        Task[] open = [.. _connections.Values];
        if (open.Length == 0)
        {
            return 0;
        }

        LogDraining(_logger, open.Length, _options.DrainTimeout);
        Task all = Task.WhenAll(open);
        if (_options.DrainTimeout != Timeout.InfiniteTimeSpan)
        {
            using var timeout = new CancellationTokenSource();
            Task delay = Task.Delay(_options.DrainTimeout, _options.Relay.TimeProvider, timeout.Token);
            if (await Task.WhenAny(all, delay).ConfigureAwait(false) == all)
            {
                await timeout.CancelAsync().ConfigureAwait(false);
                return 0;
            }
        }

        long stillOpen = ActiveConnections;
        LogClosingAfterDrain(_logger, stillOpen, _options.DrainTimeout);
        await _closeAll.CancelAsync().ConfigureAwait(false);
        await all.ConfigureAwait(false);
        return stillOpen;
    }

    private static Func<CancellationToken, ValueTask<Accepted?>> AcceptFrom(Socket listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return async cancellationToken =>
        {
            Socket socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            EndPoint? remote = null;
            EndPoint? local = null;
            try
            {
                remote = socket.RemoteEndPoint;
                local = socket.LocalEndPoint;
            }
            catch (SocketException)
            {
                // Reset while still in the queue: the relay finds out on its first read.
            }

            return new Accepted(socket, remote, local);
        };
    }

    [SupportedOSPlatform("linux")]
    private static Func<CancellationToken, ValueTask<Accepted?>> AcceptFrom(VsockListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return async cancellationToken =>
            await listener.AcceptAsync(cancellationToken).ConfigureAwait(false) is { } accepted
                ? new Accepted(accepted.Socket, accepted.RemoteEndPoint, accepted.LocalEndPoint)
                : null;
    }

    /// <summary>An accepted client, its address and the address it connected to (which a vsock socket cannot tell by itself).</summary>
    private readonly record struct Accepted(Socket Socket, EndPoint? RemoteEndPoint, EndPoint? LocalEndPoint);
}
