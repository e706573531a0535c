using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace NsmDashboard.Vsock;

/// <summary>
/// A relay side over a duplex <see cref="Stream"/>. Half-close: a <see cref="NetworkStream"/> shuts down its
/// socket's send side; an <see cref="SslStream"/> sends TLS close_notify; a stream that has no way to say
/// "no more data" is closed instead, which is the only end-of-stream signal it can give.
/// </summary>
internal sealed class StreamRelayPeer(Stream stream) : RelayPeer
{
    // Suspends on every chunk: the pooling builder reuses its state machine box instead of allocating one each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WaitForDataAsync()
    {
        // NetworkStream and SslStream complete a zero-byte read once data is there; other streams may return at
        // once, and then the following read waits instead. Either way the result carries no data.
        _ = await stream.ReadAsync(Memory<byte>.Empty).ConfigureAwait(false);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer) => stream.ReadAsync(buffer);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data)
    {
        await stream.WriteAsync(data).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
    }

    public override async ValueTask ShutdownWriteAsync()
    {
        switch (stream)
        {
            case NetworkStream network:
                network.Socket.Shutdown(SocketShutdown.Send);
                break;
            case SslStream ssl:
                await ssl.ShutdownAsync().ConfigureAwait(false);
                break;
            default:
                await stream.DisposeAsync().ConfigureAwait(false);
                break;
        }
    }

    public override void Abort()
    {
        if (stream is NetworkStream network)
        {
            try
            {
                network.Socket.Shutdown(SocketShutdown.Both);
                return;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Reset or closed already: disposing below is all that is left.
            }
        }

        // Other streams have no way to interrupt a pending read except closing.
        stream.Dispose();
    }

    public override void Dispose() => stream.Dispose();
}
