using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using static NsmDashboard.Vsock.Interop.Errno;

namespace NsmDashboard.Vsock;

/// <summary>
/// The one place where errno values from the vsock system calls become <see cref="VsockException"/>s. Every
/// message names the call, the address, the errno (symbol, number, the C library's text) and what an operator
/// can do about it.
/// </summary>
internal static class VsockErrors
{
    internal const string Socket = "socket";
    internal const string Bind = "bind";
    internal const string Listen = "listen";
    internal const string Accept = "accept4";
    internal const string Connect = "connect";
    internal const string GetSockName = "getsockname";
    internal const string GetSockOpt = "getsockopt";
    internal const string Poll = "poll";
    internal const string EventFd = "eventfd";

    /// <summary>Throws for the errno the last <c>SetLastError</c> P/Invoke left behind.</summary>
    [DoesNotReturn]
    internal static void ThrowForLastError(string operation, VsockEndPoint? endPoint) =>
        throw Create(Marshal.GetLastPInvokeError(), operation, endPoint);

    /// <summary>Builds the exception for <paramref name="errno"/> from <paramref name="operation"/>.</summary>
    internal static VsockException Create(int errno, string operation, VsockEndPoint? endPoint)
    {
        string name = Interop.Errno.Name(errno);
        string where = endPoint is null ? operation : $"{operation} {endPoint}";
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"{Explain(errno, operation, endPoint)} ({where}: {name}, errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)})");
        return new VsockException(errno, name, operation, endPoint, message);
    }

    /// <summary>Whether a failed <c>accept4</c> only lost one connection, so accepting should simply go on.</summary>
    internal static bool IsTransientAcceptError(int errno) =>
        errno is ECONNABORTED or EINTR or EPROTO or ENETUNREACH or EHOSTUNREACH or ETIMEDOUT or ECONNRESET;

    // What each errno means on this path (vsock(7), socket(2), bind(2), connect(2), accept(2)).
    private static string Explain(int errno, string operation, EndPoint? endPoint)
    {
        var vsock = endPoint as VsockEndPoint;
        string cid = vsock is null ? "the CID" : vsock.Cid == VsockCid.Any ? "CID any" : $"CID {vsock.Cid}";
        string port = vsock is null ? "the port" : $"port {vsock.Port}";
        return (errno, operation) switch
        {
            (EAFNOSUPPORT or EPROTONOSUPPORT or ESOCKTNOSUPPORT, Socket) =>
                "this kernel has no AF_VSOCK support: load the vsock modules (modprobe vsock vmw_vsock_virtio_transport, or vsock_loopback for CID 1); inside a Nitro Enclave it is built in",
            (EACCES or EPERM, Socket) => "a security policy (seccomp, SELinux, container runtime) forbids AF_VSOCK sockets",
            (EMFILE or ENFILE, _) => "too many open files: raise the limit (ulimit -n, LimitNOFILE=) or lower the connection cap",
            (ENOMEM or ENOBUFS, _) => "the kernel is out of memory for sockets",
            (EADDRNOTAVAIL, Bind) =>
                $"{cid} is not an address of this machine: bind to CID any, or to this machine's own CID (CID 1 needs the vsock_loopback module)",
            (EADDRINUSE, Bind) => $"vsock {port} is already in use on this machine (another listener, or a previous instance still running)",
            (EACCES or EPERM, Bind) => $"binding vsock {port} needs CAP_NET_BIND_SERVICE (ports below 1024), or a security policy forbids it",
            (EINVAL, Bind) => "the socket is already bound, or the address is not a valid sockaddr_vm",
            (EINVAL, Listen) => "the socket is not bound or cannot listen",
            (ECONNRESET or ECONNREFUSED, Connect) =>
                $"nothing is listening on vsock {port} at {cid} (vsock reports a refused connection as ECONNRESET): is the enclave running and its app started on that port?",
            (ETIMEDOUT, Connect) =>
                $"no answer from {cid} within the vsock connect timeout: the enclave is not running or has another CID (nitro-cli describe-enclaves)",
            (ENODEV or ENETUNREACH or EHOSTUNREACH, Connect) =>
                $"there is no vsock path to {cid}: no enclave or VM with that CID, or no vsock transport loaded on this machine",
            (EACCES or EPERM, Connect) => $"connecting to {cid} is not permitted (security policy)",
            (EINVAL, Connect) => $"{cid} cannot be connected to (CID any and the hypervisor CID are not peers)",
            (EINTR, _) => "interrupted by a signal",
            (EBADF or ENOTSOCK, _) => "the socket is not open (closed while in use)",
            _ => $"the vsock {operation} failed",
        };
    }
}
