using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock;

internal static partial class Interop
{
    /// <summary>
    /// <c>int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen)</c>: the address a socket is
    /// bound to, which tells the port the kernel chose when binding to <c>VMADDR_PORT_ANY</c>.
    /// </summary>
    /// <returns>0 on success; -1 with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "getsockname", SetLastError = true)]
    internal static unsafe partial int getsockname(SafeSocketHandle sockfd, sockaddr_vm* addr, uint* addrlen);
}
