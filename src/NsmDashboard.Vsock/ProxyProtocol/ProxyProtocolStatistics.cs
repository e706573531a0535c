namespace NsmDashboard.Vsock;

/// <summary>
/// Counts of what <see cref="ProxyProtocolMiddleware"/> did with the connections it saw, for metrics and tests.
/// Thread-safe; the counts only grow.
/// </summary>
public sealed class ProxyProtocolStatistics
{
    private readonly long[] _rejected = new long[Enum.GetValues<ProxyHeaderError>().Length];
    private long _proxied;
    private long _local;
    private long _withoutHeader;

    /// <summary>Connections with a PROXY header that named the client (their remote address is now the client's).</summary>
    public long Proxied => Interlocked.Read(ref _proxied);

    /// <summary>Connections with a LOCAL header, or a PROXY one without addresses: they keep the vsock peer address.</summary>
    public long Local => Interlocked.Read(ref _local);

    /// <summary>Connections without a header, let through in <see cref="ProxyProtocolMode.Accept"/>.</summary>
    public long WithoutHeader => Interlocked.Read(ref _withoutHeader);

    /// <summary>Connections refused, whatever the reason.</summary>
    public long Rejected
    {
        get
        {
            long sum = 0;
            for (int i = 0; i < _rejected.Length; i++)
            {
                sum += Interlocked.Read(ref _rejected[i]);
            }

            return sum;
        }
    }

    /// <summary>Connections refused for <paramref name="error"/>.</summary>
    public long RejectedFor(ProxyHeaderError error) =>
        (int)error >= 0 && (int)error < _rejected.Length ? Interlocked.Read(ref _rejected[(int)error]) : 0;

    internal void CountProxied() => Interlocked.Increment(ref _proxied);

    internal void CountLocal() => Interlocked.Increment(ref _local);

    internal void CountWithoutHeader() => Interlocked.Increment(ref _withoutHeader);

    internal void CountRejected(ProxyHeaderError error) => Interlocked.Increment(ref _rejected[(int)error]);
}
