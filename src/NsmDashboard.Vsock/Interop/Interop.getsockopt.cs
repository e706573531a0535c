using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock;

internal static partial class Interop
{
    /// <summary><c>SOL_SOCKET</c> (asm-generic/socket.h).</summary>
    internal const int SOL_SOCKET = 1;

    /// <summary><c>SO_ERROR</c>: reads and clears the socket's pending error (how a non-blocking connect reports its result).</summary>
    internal const int SO_ERROR = 4;

    /// <summary><c>int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen)</c>.</summary>
    /// <returns>0 on success; -1 with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "getsockopt", SetLastError = true)]
    internal static unsafe partial int getsockopt(SafeSocketHandle sockfd, int level, int optname, void* optval, uint* optlen);
}
