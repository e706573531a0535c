namespace NsmDashboard.Vsock;

/// <summary>Settings of a <see cref="RelayServer"/>.</summary>
public sealed class RelayServerOptions
{
    /// <summary>The default cap on simultaneous connections: in the thousands, unlike vsock-proxy's 4 (docs/vsock.md#relay).</summary>
    public const int DefaultMaxConnections = 4096;

    /// <summary>
    /// How many client connections may be relayed at once. Beyond it a new client is closed at once, with a log
    /// line, and the server keeps serving the others. Each open relay costs two sockets and no buffer while idle.
    /// </summary>
    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>
    /// The default cap on simultaneous connections from one source address: 64. A browser opens up to 6 HTTP/1.1
    /// connections to a host plus one WebSocket per Blazor tab, so one operator with a few tabs uses 10 to 20; 64 leaves
    /// room for a few operators behind one address (an office NAT, or everyone who comes through the same SSH tunnel,
    /// who all arrive from 127.0.0.1) while one client can hold only 1/64 of <see cref="DefaultMaxConnections"/>.
    /// </summary>
    public const int DefaultMaxConnectionsPerSource = 64;

    /// <summary>The default interval between two log lines about refused clients: 10 s.</summary>
    public static readonly TimeSpan DefaultRefusalLogInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many connections one source may have open at once: an IP address (an IPv4 client of a dual-mode socket
    /// counts as its IPv4 address), or a vsock CID. Beyond it a new client from that source is closed at once, so
    /// one client cannot take every slot of <see cref="MaxConnections"/>. Clients of a Unix socket are not limited.
    /// </summary>
    public int MaxConnectionsPerSource { get; init; } = DefaultMaxConnectionsPerSource;

    /// <summary>
    /// Write a PROXY protocol v2 header (<see cref="ProxyProtocolV2"/>) with the client's address on each upstream
    /// connection before any byte of the client's, for an upstream that reads it (the dashboard's vsock listener).
    /// An upstream that does not expects the client's bytes first and fails on the header: off by default here.
    /// </summary>
    public bool SendProxyProtocolHeader { get; init; }

    /// <summary>
    /// At most one warning per interval about refused clients (at either limit); the ones in between are counted in
    /// the next line and in the <see cref="RelaySummary"/>, so a flood of connections cannot flood the log.
    /// </summary>
    public TimeSpan RefusalLogInterval { get; init; } = DefaultRefusalLogInterval;

    /// <summary>How long one upstream dial may take before that client is closed (the server goes on).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After the stop signal: how long open connections may go on before they are closed. New connections are
    /// refused from the signal on.
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Buffer size, idle timeout and clock of each connection's relay.</summary>
    public RelayOptions Relay { get; init; } = new();

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConnections);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConnectionsPerSource);
        if (RefusalLogInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RefusalLogInterval), RefusalLogInterval, "The refusal log interval cannot be negative.");
        }

        if (ConnectTimeout <= TimeSpan.Zero && ConnectTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "The connect timeout must be positive.");
        }

        if (DrainTimeout < TimeSpan.Zero && DrainTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(DrainTimeout), DrainTimeout, "The drain timeout cannot be negative.");
        }

        ArgumentNullException.ThrowIfNull(Relay);
        Relay.Validate();
    }
}
