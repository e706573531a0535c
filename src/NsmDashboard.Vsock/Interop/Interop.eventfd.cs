using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NsmDashboard.Vsock;

internal static partial class Interop
{
    /// <summary><c>EFD_NONBLOCK</c> (= O_NONBLOCK): reading an unsignalled eventfd fails with EAGAIN.</summary>
    internal const int EFD_NONBLOCK = 0x800;

    /// <summary><c>EFD_CLOEXEC</c> (= O_CLOEXEC).</summary>
    internal const int EFD_CLOEXEC = 0x80000;

    /// <summary>
    /// <c>int eventfd(unsigned int initval, int flags)</c>: a counter descriptor that <see cref="poll"/> reports
    /// readable once written to, used to wake the poll thread when its set of descriptors changes.
    /// </summary>
    /// <returns>The handle; invalid (-1) on failure with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial SafeFileHandle eventfd(uint initval, int flags);

    /// <summary><c>int eventfd_write(int fd, eventfd_t value)</c> (glibc): adds to the counter.</summary>
    /// <returns>0 on success; -1 with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "eventfd_write", SetLastError = true)]
    internal static partial int eventfd_write(SafeFileHandle fd, ulong value);

    /// <summary><c>int eventfd_read(int fd, eventfd_t *value)</c> (glibc): reads and resets the counter.</summary>
    /// <returns>0 on success; -1 with errno in <see cref="Marshal.GetLastPInvokeError"/> (EAGAIN when it was zero).</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "eventfd_read", SetLastError = true)]
    internal static partial int eventfd_read(SafeFileHandle fd, out ulong value);
}
