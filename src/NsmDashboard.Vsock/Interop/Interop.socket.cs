using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock;

internal static partial class Interop
{
    /// <summary><c>SOCK_STREAM</c>: a connection-oriented byte stream (the only vsock type Kestrel and the relay use).</summary>
    internal const int SOCK_STREAM = 1;

    /// <summary><c>SOCK_NONBLOCK</c> (= O_NONBLOCK, 04000 octal): the descriptor never blocks a thread.</summary>
    internal const int SOCK_NONBLOCK = 0x800;

    /// <summary><c>SOCK_CLOEXEC</c> (= O_CLOEXEC, 02000000 octal): not inherited by child processes.</summary>
    internal const int SOCK_CLOEXEC = 0x80000;

    /// <summary><c>int socket(int domain, int type, int protocol)</c>; see <see cref="Socket(int, out int)"/>.</summary>
    /// <returns>The descriptor; -1 on failure with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "socket", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    /// <summary>
    /// A new AF_VSOCK stream socket, owned by a <see cref="SafeSocketHandle"/> from the start, so it is closed
    /// exactly once whatever fails later, and a <see cref="System.Net.Sockets.Socket"/> can take it over once
    /// connected. The C call returns an <c>int</c> and is wrapped here rather than declared as returning the
    /// handle: the marshaller would widen -1 to 0xFFFFFFFF, which <see cref="SafeSocketHandle"/> (unlike
    /// SafeFileHandle on Unix) does not treat as invalid (measured in the rig).
    /// </summary>
    /// <returns>The handle, or null with <paramref name="errno"/> set.</returns>
    internal static SafeSocketHandle? Socket(int type, out int errno) => Own(socket(AF_VSOCK, type, 0), out errno);

    /// <summary>Wraps a descriptor a call returned, or reports the call's errno when it returned -1.</summary>
    private static SafeSocketHandle? Own(int fd, out int errno)
    {
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        errno = 0;
        return new SafeSocketHandle(fd, ownsHandle: true);
    }
}
