using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace NsmDashboard.Vsock;

/// <summary>A relay side over a connected stream <see cref="Socket"/> (TCP, Unix, vsock).</summary>
internal sealed class SocketRelayPeer(Socket socket) : RelayPeer
{
    private bool _canWaitForData = true;

    // Suspends on every chunk: the pooling builder reuses its state machine box instead of allocating one each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WaitForDataAsync()
    {
        if (!_canWaitForData)
        {
            return;
        }

        try
        {
            // .NET implements a zero-byte receive as a one-byte MSG_PEEK that completes once data (or FIN) is there.
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationNotSupported)
        {
            // vsock before Linux 5.4 cannot peek: read into a buffer directly from now on.
            _canWaitForData = false;
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer) => socket.ReceiveAsync(buffer, SocketFlags.None);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            int sent = await socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    public override ValueTask ShutdownWriteAsync()
    {
        socket.Shutdown(SocketShutdown.Send);
        return ValueTask.CompletedTask;
    }

    public override void Abort()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset or shut down: nothing is pending on it any more.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    public override void Dispose() => socket.Dispose();
}
