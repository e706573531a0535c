namespace NsmDashboard.Vsock;

/// <summary>Settings of the vsock transport for Kestrel (<see cref="VsockConnectionListenerFactory"/>).</summary>
public sealed class VsockTransportOptions
{
    /// <summary>The accept queue length; <see cref="VsockListener.DefaultBacklog"/> by default.</summary>
    public int Backlog { get; set; } = 512;

    /// <summary>
    /// How many received bytes may wait for the application before the transport stops reading from the
    /// socket (back-pressure to the peer); 1 MiB, as Kestrel's socket transport. 0 means unlimited.
    /// </summary>
    public long MaxReadBufferSize { get; set; } = 1024 * 1024;

    /// <summary>How many bytes the application may write ahead of the socket before its flushes wait; 64 KiB, as Kestrel's socket transport.</summary>
    public long MaxWriteBufferSize { get; set; } = 64 * 1024;

    /// <summary>
    /// Wait for data with a zero-byte receive before taking a buffer from the pool, so idle connections (a
    /// Blazor circuit waiting for a click) hold no buffer. .NET implements it as a one-byte MSG_PEEK, which
    /// vsock supports since Linux 5.4; on older kernels the connection notices EOPNOTSUPP once and reads into
    /// a buffer directly from then on.
    /// </summary>
    public bool WaitForDataBeforeAllocatingBuffer { get; set; } = true;
}
