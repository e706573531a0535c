using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock;

internal static partial class Interop
{
    /// <summary><c>POLLIN</c>: readable (for a listening socket: a connection is waiting to be accepted).</summary>
    internal const short POLLIN = 0x001;

    /// <summary><c>POLLOUT</c>: writable (for a connecting socket: the connection attempt has finished).</summary>
    internal const short POLLOUT = 0x004;

    /// <summary><c>POLLERR</c>: an error is pending (always reported, never requested).</summary>
    internal const short POLLERR = 0x008;

    /// <summary><c>POLLHUP</c>: hung up (always reported, never requested).</summary>
    internal const short POLLHUP = 0x010;

    /// <summary><c>POLLNVAL</c>: the descriptor is not open (always reported, never requested).</summary>
    internal const short POLLNVAL = 0x020;

    /// <summary><c>struct pollfd { int fd; short events; short revents; }</c>: 8 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
#pragma warning disable CS8981 // Named as in <poll.h>, like the other native declarations here.
    internal struct pollfd
#pragma warning restore CS8981
    {
        /// <summary>The descriptor; a negative value makes poll skip the entry.</summary>
        public int fd;

        /// <summary>The events asked for.</summary>
        public short events;

        /// <summary>The events that happened, filled in by the kernel.</summary>
        public short revents;
    }

    /// <summary>
    /// <c>int poll(struct pollfd *fds, nfds_t nfds, int timeout)</c>. Takes raw descriptors: the caller keeps
    /// every handle referenced (<see cref="SafeHandle.DangerousAddRef"/>) for the duration of the call, so none
    /// is closed, and its number reused, while the kernel watches it.
    /// </summary>
    /// <returns>The number of entries with events, 0 on timeout; -1 with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int poll(pollfd* fds, nuint nfds, int timeout);
}
