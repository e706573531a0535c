using System.Net;
using Microsoft.Extensions.Logging;

namespace NsmDashboard.Proxy;

/// <summary>The proxy's settings, read from the command line.</summary>
internal sealed record ProxySettings
{
    public required IPEndPoint Listen { get; init; }

    /// <summary>Where to relay; null until <c>--cid auto</c> is resolved.</summary>
    public EndPoint? Upstream { get; init; }

    /// <summary>With <c>--cid auto</c>: the vsock port to pair with the CID found.</summary>
    public uint? AutoCidPort { get; init; }

    public string? DescribeEnclavesJson { get; init; }

    public required string NitroCli { get; init; }

    public int MaxConnections { get; init; }

    public int MaxConnectionsPerSource { get; init; }

    /// <summary>Whether to write a PROXY v2 header upstream; null: when the upstream is vsock.</summary>
    public bool? ProxyProtocol { get; init; }

    public TimeSpan IdleTimeout { get; init; }

    public TimeSpan ConnectTimeout { get; init; }

    public TimeSpan DrainTimeout { get; init; }

    public int BufferSize { get; init; }

    public LogLevel LogLevel { get; init; }
}
