using System.Net.Sockets;

namespace NsmDashboard.Vsock;

// Safe wrappers over the pointer-taking calls, so that nothing outside Interop/ needs unsafe code. Each
// returns 0 or the errno, with no policy; VsockErrors turns errnos into exceptions.
internal static partial class Interop
{
    /// <summary>bind(2) to <paramref name="endPoint"/>.</summary>
    internal static unsafe int BindVsock(SafeSocketHandle handle, VsockEndPoint endPoint)
    {
        sockaddr_vm address = endPoint.ToNative();
        return bind(handle, &address, (uint)sizeof(sockaddr_vm)) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    /// <summary>connect(2) to <paramref name="endPoint"/>; EINPROGRESS on a non-blocking socket.</summary>
    internal static unsafe int ConnectVsock(SafeSocketHandle handle, VsockEndPoint endPoint)
    {
        sockaddr_vm address = endPoint.ToNative();
        return connect(handle, &address, (uint)sizeof(sockaddr_vm)) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    /// <summary>accept4(2) with <paramref name="flags"/>; on success the new connection and its peer's address.</summary>
    internal static unsafe int AcceptVsock(SafeSocketHandle listener, int flags, out SafeSocketHandle? accepted, out VsockEndPoint? remote)
    {
        sockaddr_vm address = default;
        uint length = (uint)sizeof(sockaddr_vm);
        accepted = Own(accept4(listener, &address, &length, flags), out int errno);
        remote = accepted is null ? null : VsockEndPoint.FromNative(address);
        return errno;
    }

    /// <summary>getsockname(2): the vsock address <paramref name="handle"/> is bound to.</summary>
    internal static unsafe int GetVsockName(SafeSocketHandle handle, out VsockEndPoint? local)
    {
        sockaddr_vm address = default;
        uint length = (uint)sizeof(sockaddr_vm);
        if (getsockname(handle, &address, &length) != 0)
        {
            local = null;
            return System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        }

        local = VsockEndPoint.FromNative(address);
        return 0;
    }

    /// <summary>getsockopt(SOL_SOCKET, SO_ERROR): the result of a non-blocking connect (0 = connected).</summary>
    internal static unsafe int GetSocketError(SafeSocketHandle handle, out int socketError)
    {
        int value = 0;
        uint length = sizeof(int);
        int rc = getsockopt(handle, SOL_SOCKET, SO_ERROR, &value, &length);
        socketError = value;
        return rc == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    /// <summary>poll(2) over <paramref name="fds"/>; returns the count, or -1 with <paramref name="errno"/> set.</summary>
    internal static unsafe int Poll(Span<pollfd> fds, int timeout, out int errno)
    {
        fixed (pollfd* pointer = fds)
        {
            int rc = poll(pointer, (nuint)fds.Length, timeout);
            errno = rc < 0 ? System.Runtime.InteropServices.Marshal.GetLastPInvokeError() : 0;
            return rc;
        }
    }
}
