namespace NsmDashboard.Vsock;

/// <summary>Settings of one <see cref="ConnectionRelay"/>.</summary>
public sealed class RelayOptions
{
    /// <summary>The default size of the buffer of each direction: 64 KiB.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    /// <summary>The smallest buffer accepted.</summary>
    public const int MinBufferSize = 1024;

    /// <summary>The largest buffer accepted.</summary>
    public const int MaxBufferSize = 4 * 1024 * 1024;

    /// <summary>
    /// The size of the one buffer each direction uses, rented from the array pool while data flows and returned
    /// when the direction goes idle. A direction reads again only after its last chunk was written, so a slow
    /// reader back-pressures its peer and a relay never holds more than two buffers.
    /// </summary>
    public int BufferSize { get; init; } = DefaultBufferSize;

    /// <summary>
    /// Close both connections when no byte has moved in either direction for this long
    /// (<see cref="RelayCloseReason.IdleTimeout"/>). <see cref="Timeout.InfiniteTimeSpan"/> (the default) never does.
    /// Keep it well above the keep-alive interval of what is relayed (SignalR pings every 15 s).
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>The clock for <see cref="IdleTimeout"/> and <see cref="RelayResult.Duration"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The buffer size or the idle timeout is out of range.</exception>
    public void Validate()
    {
        if (BufferSize is < MinBufferSize or > MaxBufferSize)
        {
            throw new ArgumentOutOfRangeException(nameof(BufferSize), BufferSize, $"The relay buffer must be {MinBufferSize} to {MaxBufferSize} bytes.");
        }

        if (IdleTimeout != Timeout.InfiniteTimeSpan && IdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "The idle timeout must be positive, or infinite.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
