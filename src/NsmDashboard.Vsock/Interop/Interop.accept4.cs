using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock;

internal static partial class Interop
{
    /// <summary>
    /// <c>int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags)</c>: takes one pending
    /// connection and fills in the peer's <c>sockaddr_vm</c>. With <see cref="SOCK_NONBLOCK"/> on the listening
    /// descriptor it fails with EAGAIN instead of waiting. Wrapped by <see cref="AcceptVsock"/>, which puts the
    /// new descriptor in a handle at once (an <c>int</c> return, for the reason given at <see cref="Socket(int, out int)"/>).
    /// </summary>
    /// <returns>The connected descriptor; -1 on failure with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "accept4", SetLastError = true)]
    private static unsafe partial int accept4(SafeSocketHandle sockfd, sockaddr_vm* addr, uint* addrlen, int flags);
}
