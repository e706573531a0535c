using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Vsock.Tests.Infrastructure;

/// <summary>Listening sockets, connected pairs and addresses for TCP loopback and Unix domain sockets.</summary>
internal static class TestSockets
{
    public static Socket Listen(Transport transport, int backlog = 2048)
    {
        Socket listener;
        if (transport == Transport.Tcp)
        {
            listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }
        else
        {
            listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(UnixPath()));
        }

        listener.Listen(backlog);
        return listener;
    }

    /// <summary>A fresh Unix socket path under the temp directory (well under the 108-byte sun_path limit).</summary>
    public static string UnixPath() => Path.Combine(Path.GetTempPath(), $"vsock-tests-{Guid.NewGuid():N}.sock");

    /// <summary>An address nothing listens on (yet): a Unix path that does not exist, or a TCP port that is bound but not listening.</summary>
    public static (EndPoint EndPoint, Socket? Holder) Unreachable(Transport transport)
    {
        if (transport == Transport.Unix)
        {
            return (new UnixDomainSocketEndPoint(UnixPath()), null);
        }

        // Bound but not listening: connects are refused (RST), and nobody else can take the port meanwhile.
        var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (holder.LocalEndPoint!, holder);
    }

    public static async Task<Socket> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default)
    {
        var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Two connected sockets of one transport: (connecting side, accepted side).</summary>
    public static async Task<(Socket Client, Socket Server)> PairAsync(Transport transport, CancellationToken cancellationToken = default)
    {
        using var listener = Listen(transport, 1);
        var accept = listener.AcceptAsync(cancellationToken).AsTask();
        var client = await ConnectAsync(listener.LocalEndPoint!, cancellationToken);
        return (client, await accept);
    }

    public static void DeleteIfUnix(EndPoint? endPoint)
    {
        if (endPoint is UnixDomainSocketEndPoint unix && File.Exists(unix.ToString()))
        {
            File.Delete(unix.ToString());
        }
    }
}
