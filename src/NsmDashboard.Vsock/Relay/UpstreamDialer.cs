using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Vsock;

/// <summary>Opens one connection to an upstream address of any kind the relay supports.</summary>
internal static class UpstreamDialer
{
    /// <summary>Whether <paramref name="endPoint"/> is an address <see cref="ConnectAsync"/> can dial.</summary>
    public static bool IsSupported(EndPoint endPoint) =>
        endPoint is IPEndPoint or DnsEndPoint or UnixDomainSocketEndPoint or VsockEndPoint;

    /// <summary>Connects to a TCP (IP or host name), Unix domain or vsock address.</summary>
    /// <exception cref="SocketException">A TCP or Unix connect failed.</exception>
    /// <exception cref="VsockException">A vsock connect failed.</exception>
    /// <exception cref="OperationCanceledException">Timed out or canceled.</exception>
    public static async Task<Socket> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        if (endPoint is VsockEndPoint vsock)
        {
            if (!OperatingSystem.IsLinux())
            {
                throw new PlatformNotSupportedException("vsock exists only on Linux.");
            }

            return await VsockSocket.ConnectAsync(vsock, cancellationToken).ConfigureAwait(false);
        }

        Socket socket = endPoint switch
        {
            UnixDomainSocketEndPoint => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified),
            IPEndPoint ip => new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp),
            DnsEndPoint => new Socket(SocketType.Stream, ProtocolType.Tcp),
            _ => throw new NotSupportedException($"Cannot relay to a {endPoint.GetType().Name}."),
        };
        try
        {
            if (socket.ProtocolType == ProtocolType.Tcp)
            {
                // Interactive traffic (a Blazor circuit's small frames) must not wait for Nagle's algorithm.
                socket.NoDelay = true;
            }

            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A readable form: <c>tcp://host:port</c>, <c>unix:/path</c>, <c>vsock://cid:port</c>.</summary>
    public static string Describe(EndPoint? endPoint) => endPoint switch
    {
        null => "(unknown)",
        IPEndPoint ip => $"tcp://{ip}",
        DnsEndPoint dns => $"tcp://{dns.Host}:{dns.Port}",
        UnixDomainSocketEndPoint unix => $"unix:{unix}",
        _ => endPoint.ToString() ?? endPoint.GetType().Name,
    };
}
