namespace NsmDashboard.Vsock;

/// <summary>Settings of a <see cref="RelayServer"/>.</summary>
public sealed class RelayServerOptions
{
    /// <summary>The default cap on simultaneous connections: in the thousands, unlike vsock-proxy's 4 (peers.md §4).</summary>
    public const int DefaultMaxConnections = 4096;

    /// <summary>
    /// How many client connections may be relayed at once. Beyond it a new client is closed at once, with a log
    /// line, and the server keeps serving the others. Each open relay costs two sockets and no buffer while idle.
    /// </summary>
    public int MaxConnections { get; init; } = DefaultMaxConnections;

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
