using System.Net.Sockets;

namespace NsmDashboard.Vsock;

/// <summary>A connection accepted by a <see cref="VsockListener"/>: the socket and both addresses.</summary>
/// <param name="Socket">
/// The connected socket, owned by the caller. It sends, receives, shuts down and closes like any other; its
/// <see cref="Socket.RemoteEndPoint"/> cannot describe vsock, so use <paramref name="RemoteEndPoint"/>.
/// </param>
/// <param name="LocalEndPoint">This side's address (the real local CID even when listening on any).</param>
/// <param name="RemoteEndPoint">The peer's address (its CID and port).</param>
public readonly record struct VsockAcceptedSocket(Socket Socket, VsockEndPoint LocalEndPoint, VsockEndPoint RemoteEndPoint);
