using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock;

internal static partial class Interop
{
    /// <summary>
    /// <c>int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen)</c>. On a non-blocking socket
    /// it fails with EINPROGRESS; the result is then read with <see cref="getsockopt"/>(SO_ERROR) once
    /// <see cref="poll"/> reports the socket writable.
    /// </summary>
    /// <returns>0 on success; -1 with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "connect", SetLastError = true)]
    internal static unsafe partial int connect(SafeSocketHandle sockfd, sockaddr_vm* addr, uint addrlen);
}
