using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace NsmDashboard.Vsock.Tests.Infrastructure;

/// <summary>
/// A Kestrel transport that binds <see cref="VsockEndPoint"/>s on a machine without vsock: it really listens on TCP
/// loopback (<see cref="TcpEndPoint"/>), and hands Kestrel each connection with the endpoints a vsock listener in an
/// enclave would report (local: the vsock endpoint bound; remote: the parent instance, CID 3). So the vsock
/// listener's connection pipeline (PROXY header, then TLS, then HTTP) runs in real Kestrel on the host; the rig VM
/// runs the same path over real vsock.
/// </summary>
internal sealed class StandInVsockTransport : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    /// <summary>The parent instance's CID, as seen from an enclave.</summary>
    public const uint ParentCid = 3;

    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Where the stand-in really listens, once Kestrel has bound it.</summary>
    public Task<IPEndPoint> TcpEndPoint => _bound.Task;

    public bool CanBind(EndPoint endpoint) => endpoint is VsockEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        _bound.TrySetResult((IPEndPoint)listener.LocalEndPoint!);
        return new ValueTask<IConnectionListener>(new Listener(listener, (VsockEndPoint)endpoint));
    }

    private sealed class Listener(Socket listener, VsockEndPoint endPoint) : IConnectionListener
    {
        private readonly SocketConnectionContextFactory _connections = new(new SocketConnectionFactoryOptions(), NullLogger.Instance);

        public EndPoint EndPoint => endPoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
                return null;
            }

            var peer = (IPEndPoint)socket.RemoteEndPoint!;
            var connection = _connections.Create(socket);
            connection.LocalEndPoint = endPoint;
            connection.RemoteEndPoint = new VsockEndPoint(ParentCid, (uint)peer.Port);
            return connection;
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            listener.Dispose();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            listener.Dispose();
            _connections.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
