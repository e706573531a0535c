using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock;

internal static partial class Interop
{
    /// <summary><c>int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen)</c> with a <c>sockaddr_vm</c>.</summary>
    /// <returns>0 on success; -1 with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "bind", SetLastError = true)]
    internal static unsafe partial int bind(SafeSocketHandle sockfd, sockaddr_vm* addr, uint addrlen);
}
