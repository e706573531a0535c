using System.Net.Sockets;

namespace NsmDashboard.Vsock;

/// <summary>
/// Relays two connections to each other, whatever carries them (TCP, Unix, vsock sockets, or duplex streams),
/// the way a correct L4 proxy must (docs/vsock.md#relay):
/// <list type="bullet">
/// <item>half-close: when one side finishes sending (a read returns 0), the other side's write half is shut
/// down and the opposite direction keeps flowing until it ends too;</item>
/// <item>bounded memory: one pooled buffer per direction (<see cref="RelayOptions.BufferSize"/>), held only
/// while data flows; nothing is read before the previous chunk is written, so a slow reader stalls its sender;</item>
/// <item>byte counts each way, an idle timeout, cancellation, and a <see cref="RelayResult"/> saying why it ended.</item>
/// </list>
/// Nothing is allocated per chunk.
/// </summary>
public static class ConnectionRelay
{
    /// <summary>Relays two connected stream sockets until both directions end; closes both.</summary>
    /// <param name="first">One connection (for a proxy, the client); owned by the relay from now on.</param>
    /// <param name="second">The other (the upstream); owned by the relay from now on.</param>
    /// <param name="options">Buffer size, idle timeout, clock; defaults when null.</param>
    /// <param name="cancellationToken">Closes both connections (<see cref="RelayCloseReason.Canceled"/>).</param>
    /// <returns>Bytes each way, duration and close reason. I/O errors are reported there, not thrown.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the caller still owns both connections).</exception>
    public static Task<RelayResult> RelayAsync(Socket first, Socket second, RelayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        options = Validated(options);
        return new RelaySession(new SocketRelayPeer(first), new SocketRelayPeer(second), options).RunAsync(cancellationToken);
    }

    /// <summary>
    /// Relays two duplex streams until both directions end; disposes both. Half-close is passed on to a
    /// <see cref="NetworkStream"/> (socket shutdown) and an <see cref="System.Net.Security.SslStream"/>
    /// (close_notify); any other stream is closed when the data towards it ends, the only end-of-stream signal it has.
    /// </summary>
    /// <inheritdoc cref="RelayAsync(Socket, Socket, RelayOptions?, CancellationToken)"/>
    public static Task<RelayResult> RelayAsync(Stream first, Stream second, RelayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        options = Validated(options);
        return new RelaySession(new StreamRelayPeer(first), new StreamRelayPeer(second), options).RunAsync(cancellationToken);
    }

    // Checked before the relay takes ownership: with bad options the caller still owns both connections.
    private static RelayOptions Validated(RelayOptions? options)
    {
        options ??= new RelayOptions();
        options.Validate();
        return options;
    }
}
