using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace NsmDashboard.Vsock;

/// <summary>
/// One accepted vsock connection as Kestrel sees it: a pair of pipes over a <see cref="Socket"/>, pumped by a
/// receive loop (socket → input pipe) and a send loop (output pipe → socket), both asynchronous, so no thread
/// is held per connection. Learned from Kestrel's socket transport (SocketConnection), written for this case.
/// </summary>
/// <remarks>
/// Half-close works both ways. The peer's FIN completes the input pipe and nothing else, so a client that sends
/// a request and then shuts down its write side still receives the whole response (docs/vsock.md#relay; Kestrel ends
/// the connection quietly once the input ends between requests). When the application completes its output,
/// the send loop flushes it and shuts down the socket's send side (FIN) while reading may go on.
/// <see cref="BaseConnectionContext.ConnectionClosed"/> fires when the connection is really gone: a reset or send
/// failure, <see cref="Abort(ConnectionAbortedException)"/>, or disposal.
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed partial class VsockConnection : ConnectionContext
{
    // Below this much free space in the current pipe segment, ask the pool for a new one.
    private const int MinAllocBufferSize = 2048;

    // How long DisposeAsync waits for the receive loop to notice shutdown(2) before closing regardless.
    private static readonly TimeSpan ReceiveEndTimeout = TimeSpan.FromSeconds(5);

    private static long s_lastId;

    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _closeLock = new();
    private bool _waitForData;
    private bool _socketClosed;
    private int _closedFired;
    private volatile ConnectionAbortedException? _abortReason;
    private Task _receiving = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;

    public VsockConnection(VsockAcceptedSocket accepted, VsockTransportOptions options, ILogger logger)
    {
        _socket = accepted.Socket;
        _logger = logger;
        _waitForData = options.WaitForDataBeforeAllocatingBuffer;
        LocalEndPoint = accepted.LocalEndPoint;
        RemoteEndPoint = accepted.RemoteEndPoint;
        ConnectionId = $"vsock-{Interlocked.Increment(ref s_lastId):x8}";
        ConnectionClosed = _closed.Token;

        // Received data is handed to the application on the thread pool; the receive loop resumes inline when
        // the application has read enough. The send loop is woken on the thread pool when there is output.
        _input = new Pipe(new PipeOptions(
            MemoryPool, PipeScheduler.ThreadPool, PipeScheduler.Inline,
            options.MaxReadBufferSize, options.MaxReadBufferSize / 2, useSynchronizationContext: false));
        _output = new Pipe(new PipeOptions(
            MemoryPool, PipeScheduler.ThreadPool, PipeScheduler.ThreadPool,
            options.MaxWriteBufferSize, options.MaxWriteBufferSize / 2, useSynchronizationContext: false));
        Transport = new DuplexPipe(_input.Reader, _output.Writer);
        Features = CreateFeatures();
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; }

    public override IDictionary<object, object?> Items { get; set; } = new ConnectionItems();

    public override IDuplexPipe Transport { get; set; }

    public override EndPoint? LocalEndPoint { get; set; }

    public override EndPoint? RemoteEndPoint { get; set; }

    public override CancellationToken ConnectionClosed { get; set; }

    /// <summary>Buffers come from the shared array pool; they go back when the pipes release their segments.</summary>
    public static MemoryPool<byte> MemoryPool => MemoryPool<byte>.Shared;

    /// <summary>Starts the receive and send loops.</summary>
    public void Start()
    {
        _receiving = ReceiveLoopAsync();
        _sending = SendLoopAsync();
    }

    /// <summary>Closes the connection now: both loops stop, the application's reads fail with <paramref name="abortReason"/>.</summary>
    public override void Abort(ConnectionAbortedException abortReason)
    {
        _abortReason ??= abortReason;
        _output.Reader.CancelPendingRead();
        CloseSocket();
    }

    /// <summary>
    /// Called by Kestrel once it is done with the connection: output already written is still sent (the send
    /// loop drains the pipe and writes FIN); then both directions are shut down, which ends a receive still
    /// waiting, and only then is the socket closed. Closing with an operation pending would make .NET reset
    /// the connection (SO_LINGER 0) instead of ending it cleanly.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        Transport.Input.Complete();
        Transport.Output.Complete();
        await _sending.ConfigureAwait(false);
        ShutdownBoth();
        try
        {
            await _receiving.WaitAsync(ReceiveEndTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The kernel did not end the pending receive after shutdown(2): close anyway, which does.
            CloseSocket();
            await _receiving.ConfigureAwait(false);
        }

        CloseSocket();
        FireConnectionClosed();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void ShutdownBoth()
    {
        lock (_closeLock)
        {
            if (_socketClosed)
            {
                return;
            }

            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Reset already: the receive loop has ended or is ending with that error.
            }
        }
    }

    // For aborts: shutdown first so the peer sees FIN even when unread input makes close(2) send RST; then
    // close, which makes any pending receive or send fail and so ends both loops at once.
    private void CloseSocket()
    {
        lock (_closeLock)
        {
            if (_socketClosed)
            {
                return;
            }

            _socketClosed = true;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset or never fully connected: closing is all that is left to do.
        }

        _socket.Dispose();
    }

    // The token's callbacks are the application's; never run them on a transport loop.
    private void FireConnectionClosed()
    {
        if (Interlocked.Exchange(ref _closedFired, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Cancel(), _closed, preferLocal: false);
        }
    }

    private static bool IsResetError(SocketError error) =>
        error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NotConnected;

    private bool IsClosing => _socketClosed || _abortReason is not null;

    /// <summary>The connection's <see cref="BaseConnectionContext.Items"/> store.</summary>
    private sealed class ConnectionItems : Dictionary<object, object?>;
}
