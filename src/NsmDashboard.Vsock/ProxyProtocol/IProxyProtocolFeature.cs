using System.Net;

namespace NsmDashboard.Vsock;

/// <summary>
/// Set on a connection by <see cref="ProxyProtocolMiddleware"/> when it read a header: the header, and the
/// connection's own peer (the relay, on vsock) whose place in <c>RemoteEndPoint</c> the client's address took.
/// </summary>
public interface IProxyProtocolFeature
{
    /// <summary>The header as received.</summary>
    ProxyHeader Header { get; }

    /// <summary>The transport's peer: the relay that sent the header (its vsock CID and port).</summary>
    EndPoint? RelayEndPoint { get; }
}

internal sealed record ProxyProtocolFeature(ProxyHeader Header, EndPoint? RelayEndPoint) : IProxyProtocolFeature;
