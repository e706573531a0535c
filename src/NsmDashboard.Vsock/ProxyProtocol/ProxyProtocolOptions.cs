namespace NsmDashboard.Vsock;

/// <summary>Whether a listener reads a PROXY v2 header at the start of each connection.</summary>
public enum ProxyProtocolMode
{
    /// <summary>Never: the first bytes belong to the application protocol.</summary>
    Off,

    /// <summary>
    /// When the connection starts with the v2 signature: a valid header is read, a malformed one refuses the
    /// connection, and a connection without one goes on with its own (vsock) peer address.
    /// </summary>
    Accept,

    /// <summary>Always: a connection without a valid header is refused.</summary>
    Require,
}

/// <summary>Settings of <see cref="ProxyProtocolMiddleware"/>.</summary>
public sealed class ProxyProtocolOptions
{
    /// <summary>The default time the whole header may take to arrive: 5 s.</summary>
    public static readonly TimeSpan DefaultHeaderTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default interval between two log lines about refused connections: 1 minute.</summary>
    public static readonly TimeSpan DefaultRejectionLogInterval = TimeSpan.FromMinutes(1);

    /// <summary>Read the header always (<see cref="ProxyProtocolMode.Require"/>, the default), when present, or never.</summary>
    public ProxyProtocolMode Mode { get; init; } = ProxyProtocolMode.Require;

    /// <summary>
    /// How long the whole header may take. A relay writes it at once when it connects (the specification asks it to
    /// send it in one piece), so anything slower is not a relay doing its job; the connection is refused.
    /// </summary>
    public TimeSpan HeaderTimeout { get; init; } = DefaultHeaderTimeout;

    /// <summary>The longest header read; a longer declared length refuses the connection before the rest is read.</summary>
    public int MaxHeaderLength { get; init; } = ProxyProtocolV2.DefaultMaxHeaderLength;

    /// <summary>
    /// At most one warning per interval about refused connections; the ones in between are counted in the next line
    /// and in <see cref="Statistics"/>, so a flood of bad connections cannot flood the log.
    /// </summary>
    public TimeSpan RejectionLogInterval { get; init; } = DefaultRejectionLogInterval;

    /// <summary>Where the counts go; share one instance to read them (metrics, tests).</summary>
    public ProxyProtocolStatistics Statistics { get; init; } = new();

    /// <summary>The clock of the timeout and of the log interval.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "The PROXY protocol mode must be Off, Accept or Require.");
        }

        if (HeaderTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HeaderTimeout), HeaderTimeout, "The header timeout must be positive.");
        }

        if (MaxHeaderLength is < ProxyProtocolV2.FixedLength + ProxyProtocolV2.InterNetworkV6AddressLength or > ProxyProtocolV2.MaxHeaderLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxHeaderLength),
                MaxHeaderLength,
                $"The maximum header length must be {ProxyProtocolV2.FixedLength + ProxyProtocolV2.InterNetworkV6AddressLength} to {ProxyProtocolV2.MaxHeaderLength} bytes.");
        }

        if (RejectionLogInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RejectionLogInterval), RejectionLogInterval, "The log interval cannot be negative.");
        }

        ArgumentNullException.ThrowIfNull(Statistics);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
