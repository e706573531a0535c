using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace NsmDashboard.Vsock;

/// <summary>
/// Waits for readiness of the few descriptors .NET's own socket engine cannot watch: listening vsock sockets
/// (a <see cref="System.Net.Sockets.Socket"/> around one refuses Accept, docs/vsock.md#dotnet-sockets) and vsock sockets whose
/// non-blocking connect is in progress. One background thread for the whole process sleeps in poll(2) on those
/// descriptors plus an eventfd that wakes it whenever the set changes; no thread is ever blocked per connection,
/// and connected sockets are left to .NET's epoll engine.
/// </summary>
/// <remarks>
/// Why not a blocking accept on a dedicated thread, woken for shutdown by shutdown(2)? Because on a listening
/// AF_VSOCK socket shutdown(2) fails with ENOTCONN and does not wake accept (net/vmw_vsock/af_vsock.c
/// vsock_shutdown checks the socket state first), and close(2) does not wake it either; poll with an eventfd
/// can always be woken. A descriptor stays referenced (<see cref="SafeHandle.DangerousAddRef"/>) while it is in
/// the poll set and is released only by the poll thread, after poll has returned, so disposing a handle never
/// closes a descriptor, or lets its number be reused, while the kernel is watching it.
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed class DescriptorPoller
{
    private static readonly Lazy<DescriptorPoller> s_shared = new(() => new DescriptorPoller());

    private readonly Lock _gate = new();
    private readonly List<Waiter> _waiters = [];
    private readonly SafeFileHandle _wake;
    private VsockException? _failure;

    private DescriptorPoller()
    {
        _wake = Interop.eventfd(0, Interop.EFD_NONBLOCK | Interop.EFD_CLOEXEC);
        if (_wake.IsInvalid)
        {
            int errno = Marshal.GetLastPInvokeError();
            _wake.Dispose();
            throw VsockErrors.Create(errno, VsockErrors.EventFd, null);
        }

        var thread = new Thread(Run) { IsBackground = true, Name = "vsock poll" };
        thread.UnsafeStart();
    }

    /// <summary>The process's poller, started on first use.</summary>
    internal static DescriptorPoller Shared => s_shared.Value;

    /// <summary>
    /// Completes with the poll(2) events of <paramref name="handle"/> (a subset of <paramref name="events"/>, or
    /// POLLERR/POLLHUP/POLLNVAL) once it is ready; canceled with <paramref name="cancellationToken"/>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The handle is already closed.</exception>
    internal Task<short> WaitAsync(SafeHandle handle, short events, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<short>(cancellationToken);
        }

        var waiter = new Waiter(this, handle, events);
        bool referenced = false;
        handle.DangerousAddRef(ref referenced);
        lock (_gate)
        {
            if (_failure is not null)
            {
                handle.DangerousRelease();
                return Task.FromException<short>(_failure);
            }

            _waiters.Add(waiter);
        }

        waiter.WatchCancellation(cancellationToken);
        Wake();
        return waiter.Task;
    }

    private void Wake()
    {
        // Adding to the eventfd counter makes it readable; the poll thread reads it back to zero.
        _ = Interop.eventfd_write(_wake, 1);
    }

    private void Run()
    {
        var active = new List<Waiter>();
        var fds = new Interop.pollfd[16];
        while (true)
        {
            active.Clear();
            lock (_gate)
            {
                for (int i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].IsCanceled)
                    {
                        _waiters[i].Handle.DangerousRelease();
                        _waiters.RemoveAt(i);
                    }
                }

                active.AddRange(_waiters);
            }

            int count = active.Count + 1;
            if (fds.Length < count)
            {
                fds = new Interop.pollfd[Math.Max(count, fds.Length * 2)];
            }

            fds[0] = new Interop.pollfd { fd = (int)_wake.DangerousGetHandle(), events = Interop.POLLIN };
            for (int i = 0; i < active.Count; i++)
            {
                fds[i + 1] = new Interop.pollfd { fd = (int)active[i].Handle.DangerousGetHandle(), events = active[i].Events };
            }

            if (Interop.Poll(fds.AsSpan(0, count), -1, out int errno) < 0)
            {
                if (errno == Interop.Errno.EINTR)
                {
                    continue;
                }

                Fail(VsockErrors.Create(errno, VsockErrors.Poll, null));
                return;
            }

            if (fds[0].revents != 0)
            {
                _ = Interop.eventfd_read(_wake, out _);
            }

            for (int i = 0; i < active.Count; i++)
            {
                short revents = fds[i + 1].revents;
                if (revents != 0 && Remove(active[i]))
                {
                    active[i].Complete(revents);
                }
            }
        }
    }

    private bool Remove(Waiter waiter)
    {
        lock (_gate)
        {
            if (!_waiters.Remove(waiter))
            {
                return false;
            }
        }

        waiter.Handle.DangerousRelease();
        return true;
    }

    // poll(2) itself failed (EFAULT, ENOMEM): nothing can be watched any more; say so to every waiter.
    private void Fail(VsockException failure)
    {
        List<Waiter> failed;
        lock (_gate)
        {
            _failure = failure;
            failed = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in failed)
        {
            waiter.Handle.DangerousRelease();
            waiter.Fail(failure);
        }
    }

    /// <summary>One pending wait: a descriptor, the events asked for, and the task to complete.</summary>
    private sealed class Waiter(DescriptorPoller poller, SafeHandle handle, short events)
        : TaskCompletionSource<short>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        private CancellationTokenRegistration _registration;
        private volatile bool _canceled;

        public SafeHandle Handle { get; } = handle;

        public short Events { get; } = events;

        public bool IsCanceled => _canceled;

        public void WatchCancellation(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.UnsafeRegister(
                    static (state, token) => ((Waiter)state!).Cancel(token), this);
            }
        }

        public void Complete(short revents)
        {
            _registration.Unregister();
            TrySetResult(revents);
        }

        public void Fail(Exception failure)
        {
            _registration.Unregister();
            TrySetException(failure);
        }

        // Runs on the canceling thread: the poll thread drops the entry (and the handle reference) when it
        // wakes, never this thread, because poll may be looking at the descriptor right now.
        private void Cancel(CancellationToken token)
        {
            _canceled = true;
            poller.Wake();
            TrySetCanceled(token);
        }
    }
}
