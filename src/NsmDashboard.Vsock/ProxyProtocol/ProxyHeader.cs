using System.Net;

namespace NsmDashboard.Vsock;

/// <summary>
/// A PROXY protocol version 2 header, as read by <see cref="ProxyProtocolV2.TryParse"/>: what the relay in front says
/// about the connection it carries (HAProxy, "The PROXY protocol", section 2.2,
/// https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt).
/// </summary>
/// <param name="Command">
/// <see cref="ProxyCommand.Proxy"/>: relayed for the client in <paramref name="Source"/>;
/// <see cref="ProxyCommand.Local"/>: the relay's own connection (a health check), whose real endpoints stand.
/// </param>
/// <param name="Family">The address family byte's high nibble (ignored, and reported as sent, for LOCAL).</param>
/// <param name="Transport">The transport protocol byte's low nibble (ignored, and reported as sent, for LOCAL).</param>
/// <param name="Source">
/// The client's address: an <see cref="IPEndPoint"/> for TCP/UDP over IPv4 or IPv6, a
/// <see cref="System.Net.Sockets.UnixDomainSocketEndPoint"/> for a named Unix socket; <see langword="null"/> for LOCAL,
/// for an unspecified family or protocol, and for an unnamed Unix socket. Only ever what the relay claims.
/// </param>
/// <param name="Destination">The address the client connected to, on the relay (same rules as <paramref name="Source"/>).</param>
/// <param name="Length">The header's whole length in bytes (16 + the declared length), TLVs included.</param>
public sealed record ProxyHeader(
    ProxyCommand Command,
    ProxyAddressFamily Family,
    ProxyTransportProtocol Transport,
    EndPoint? Source,
    EndPoint? Destination,
    int Length);

/// <summary>The command nibble of a PROXY v2 header (the 13th byte's low four bits).</summary>
public enum ProxyCommand : byte
{
    /// <summary>0x0: the relay opened the connection for itself; use the connection's real endpoints.</summary>
    Local = 0x0,

    /// <summary>0x1: the connection is relayed for the client the address block names.</summary>
    Proxy = 0x1,
}

/// <summary>The address family nibble of a PROXY v2 header (the 14th byte's high four bits).</summary>
public enum ProxyAddressFamily : byte
{
    /// <summary>0x0 AF_UNSPEC: no address information (or one the relay does not know).</summary>
    Unspecified = 0x0,

    /// <summary>0x1 AF_INET: 4-byte addresses.</summary>
    InterNetwork = 0x1,

    /// <summary>0x2 AF_INET6: 16-byte addresses.</summary>
    InterNetworkV6 = 0x2,

    /// <summary>0x3 AF_UNIX: 108-byte paths.</summary>
    Unix = 0x3,
}

/// <summary>The transport protocol nibble of a PROXY v2 header (the 14th byte's low four bits).</summary>
public enum ProxyTransportProtocol : byte
{
    /// <summary>0x0 UNSPEC.</summary>
    Unspecified = 0x0,

    /// <summary>0x1 STREAM: TCP or a Unix stream socket; IP addresses are followed by two 2-byte ports.</summary>
    Stream = 0x1,

    /// <summary>0x2 DGRAM: UDP or a Unix datagram socket; IP addresses are followed by two 2-byte ports.</summary>
    Datagram = 0x2,
}
