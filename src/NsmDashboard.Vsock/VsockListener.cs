using System.Net.Sockets;
using System.Runtime.Versioning;

namespace NsmDashboard.Vsock;

/// <summary>
/// A listening AF_VSOCK socket (the vsock counterpart of <see cref="TcpListener"/>), made with socket/bind/listen
/// through P/Invoke because .NET's <see cref="Socket"/> cannot. Accepting is asynchronous: the listening
/// descriptor is non-blocking and readiness is awaited on the process's single poll thread
/// (<see cref="DescriptorPoller"/>), so no thread waits per listener or per connection. Each accepted descriptor
/// becomes an ordinary <see cref="Socket"/>.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class VsockListener : IDisposable
{
    /// <summary>The default length of the queue of connections waiting to be accepted.</summary>
    public const int DefaultBacklog = 512;

    private readonly SafeSocketHandle _handle;
    private readonly CancellationTokenSource _disposed = new();

    private VsockListener(SafeSocketHandle handle, VsockEndPoint localEndPoint)
    {
        _handle = handle;
        LocalEndPoint = localEndPoint;
    }

    /// <summary>The address the listener is bound to; the port is the real one when <see cref="VsockEndPoint.AnyPort"/> was asked for.</summary>
    public VsockEndPoint LocalEndPoint { get; }

    /// <summary>Creates, binds and starts a listener.</summary>
    /// <param name="endPoint">Where to listen: usually <c>new VsockEndPoint(VsockCid.Any, port)</c>.</param>
    /// <param name="backlog">The accept queue length (the kernel caps it at net.core.somaxconn).</param>
    /// <exception cref="VsockException">socket, bind or listen failed (no AF_VSOCK support, CID not local, port in use, …).</exception>
    public static VsockListener Start(VsockEndPoint endPoint, int backlog = DefaultBacklog)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(backlog);

        SafeSocketHandle handle = Interop.Socket(Interop.SOCK_STREAM | Interop.SOCK_NONBLOCK | Interop.SOCK_CLOEXEC, out int socketErrno)
            ?? throw VsockErrors.Create(socketErrno, VsockErrors.Socket, endPoint);

        try
        {
            int errno = Interop.BindVsock(handle, endPoint);
            if (errno != 0)
            {
                throw VsockErrors.Create(errno, VsockErrors.Bind, endPoint);
            }

            if (Interop.listen(handle, backlog) != 0)
            {
                VsockErrors.ThrowForLastError(VsockErrors.Listen, endPoint);
            }

            // The kernel's view: the port it chose for AnyPort, the CID as bound.
            errno = Interop.GetVsockName(handle, out VsockEndPoint? bound);
            return new VsockListener(handle, errno == 0 ? bound! : endPoint);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Accepts the next connection, waiting without blocking a thread. Returns <see langword="null"/> once the
    /// listener is disposed (also when that happens during the wait).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    /// <exception cref="VsockException">accept4 failed for a reason other than a connection lost in the queue (EMFILE, ENOMEM, …).</exception>
    public async ValueTask<VsockAcceptedSocket?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_disposed.IsCancellationRequested)
            {
                return null;
            }

            int errno;
            SafeSocketHandle? accepted;
            VsockEndPoint? remote;
            try
            {
                // Blocking mode for the new descriptor: a Socket around it then behaves as usual for synchronous
                // calls, and switches the descriptor to non-blocking itself on its first asynchronous one.
                errno = Interop.AcceptVsock(_handle, Interop.SOCK_CLOEXEC, out accepted, out remote);
            }
            catch (ObjectDisposedException)
            {
                return null;
            }

            if (errno == 0)
            {
                return Wrap(accepted!, remote!);
            }

            if (errno == Interop.Errno.EAGAIN)
            {
                if (!await WaitReadableAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }
            else if (_disposed.IsCancellationRequested)
            {
                return null;
            }
            else if (!VsockErrors.IsTransientAcceptError(errno))
            {
                throw VsockErrors.Create(errno, VsockErrors.Accept, LocalEndPoint);
            }

            // A transient error lost one queued connection (accept(2)): take the next one.
        }
    }

    /// <summary>Stops listening and closes the descriptor; a pending <see cref="AcceptAsync"/> returns <see langword="null"/>.</summary>
    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _handle.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"vsock listener on {LocalEndPoint}";

    private async ValueTask<bool> WaitReadableAsync(CancellationToken cancellationToken)
    {
        CancellationTokenSource? linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token)
            : null;
        try
        {
            await DescriptorPoller.Shared.WaitAsync(_handle, Interop.POLLIN, linked?.Token ?? _disposed.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            linked?.Dispose();
        }
    }

    private VsockAcceptedSocket Wrap(SafeSocketHandle accepted, VsockEndPoint remote)
    {
        VsockEndPoint local = Interop.GetVsockName(accepted, out VsockEndPoint? name) == 0 ? name! : LocalEndPoint;
        try
        {
            return new VsockAcceptedSocket(new Socket(accepted), local, remote);
        }
        catch
        {
            accepted.Dispose();
            throw;
        }
    }
}
