using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Vsock.Tests.Infrastructure;

/// <summary>
/// A TCP or Unix server that echoes every connection's bytes back and half-closes after the client's FIN
/// (so echo + half-close checks the whole FIN path). Counts accepted connections.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Task> _connections = [];
    private int _accepted;

    public EchoServer(Transport transport)
        : this(TestSockets.Listen(transport))
    {
    }

    public EchoServer(Socket listeningSocket)
    {
        _listener = listeningSocket;
        EndPoint = listeningSocket.LocalEndPoint!;
        _accepting = AcceptLoopAsync();
    }

    public EndPoint EndPoint { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        TestSockets.DeleteIfUnix(EndPoint);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(EchoAsync(socket, _stop.Token));
            }
        }
    }

    public static async Task EchoAsync(Socket socket, CancellationToken cancellationToken)
    {
        using (socket)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    int read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                    if (read == 0)
                    {
                        socket.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    await ByteStreams.SendAllAsync(socket, buffer.AsMemory(0, read), cancellationToken);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The test is over or the client went away.
            }
        }
    }
}
