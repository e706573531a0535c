using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock;

internal static partial class Interop
{
    /// <summary><c>int listen(int sockfd, int backlog)</c>; the kernel caps the backlog at <c>net.core.somaxconn</c>.</summary>
    /// <returns>0 on success; -1 with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "listen", SetLastError = true)]
    internal static partial int listen(SafeSocketHandle sockfd, int backlog);
}
