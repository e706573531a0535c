namespace NsmDashboard.Vsock;

/// <summary>
/// One side of a relay, whatever carries it: read, write, half-close, close. The relay's logic is written once
/// against this (<see cref="RelaySession"/>); sockets and streams adapt to it.
/// </summary>
internal abstract class RelayPeer : IDisposable
{
    /// <summary>
    /// Waits until data (or the end of the stream) can be read, without a buffer, so an idle direction holds
    /// none. May return at once when the transport cannot wait that way; the following read then waits.
    /// </summary>
    public abstract ValueTask WaitForDataAsync();

    /// <summary>Reads up to <paramref name="buffer"/>'s length; 0 means the peer has finished sending (FIN).</summary>
    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer);

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> data);

    /// <summary>Tells the peer that nothing more will be sent (FIN), leaving the other direction open.</summary>
    public abstract ValueTask ShutdownWriteAsync();

    /// <summary>
    /// Ends the connection in both directions from any thread: a pending read returns 0, a pending write fails,
    /// and the peer gets FIN. The relay disposes afterwards, once its pumps have stopped, so the close is a
    /// graceful one (.NET resets a TCP connection that is disposed with operations still pending).
    /// </summary>
    public abstract void Abort();

    /// <summary>Closes the connection.</summary>
    public abstract void Dispose();
}
