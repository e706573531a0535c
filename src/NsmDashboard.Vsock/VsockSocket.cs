using System.Net.Sockets;
using System.Runtime.Versioning;

namespace NsmDashboard.Vsock;

/// <summary>Client-side vsock: connecting to a vsock address and getting an ordinary <see cref="Socket"/>.</summary>
[SupportedOSPlatform("linux")]
public static class VsockSocket
{
    /// <summary>
    /// Connects to <paramref name="endPoint"/>. The connect is non-blocking and its completion is awaited on
    /// the process's poll thread, so a storm of dials to an enclave that does not answer holds no threads. The
    /// kernel gives up after its own vsock connect timeout (2 s by default); cancel sooner with
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    /// <returns>The connected socket, in blocking mode, owned by the caller.</returns>
    /// <exception cref="VsockException">
    /// The connection failed: ECONNRESET when nothing listens on the port (vsock's "refused"), ETIMEDOUT when
    /// the CID does not answer, ENODEV/EHOSTUNREACH when there is no path to it, EAFNOSUPPORT without vsock.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task<Socket> ConnectAsync(VsockEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        cancellationToken.ThrowIfCancellationRequested();

        SafeSocketHandle handle = Interop.Socket(Interop.SOCK_STREAM | Interop.SOCK_NONBLOCK | Interop.SOCK_CLOEXEC, out int socketErrno)
            ?? throw VsockErrors.Create(socketErrno, VsockErrors.Socket, endPoint);

        try
        {
            int errno = Interop.ConnectVsock(handle, endPoint);
            if (errno is Interop.Errno.EINPROGRESS or Interop.Errno.EAGAIN or Interop.Errno.EALREADY)
            {
                await DescriptorPoller.Shared.WaitAsync(handle, Interop.POLLOUT, cancellationToken).ConfigureAwait(false);
                int rc = Interop.GetSocketError(handle, out errno);
                if (rc != 0)
                {
                    throw VsockErrors.Create(rc, VsockErrors.GetSockOpt, endPoint);
                }
            }

            if (errno != 0)
            {
                throw VsockErrors.Create(errno, VsockErrors.Connect, endPoint);
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        var socket = new Socket(handle);
        try
        {
            socket.Blocking = true;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
