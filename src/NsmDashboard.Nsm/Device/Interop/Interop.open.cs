using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NsmDashboard.Nsm.Device;

internal static partial class Interop
{
    /// <summary>Open for reading and writing (<c>O_RDWR</c>, asm-generic/fcntl.h).</summary>
    internal const int O_RDWR = 0x0002;

    /// <summary>
    /// Close the descriptor on exec (<c>O_CLOEXEC</c> = 02000000 octal, asm-generic/fcntl.h, the
    /// value on x86-64 and arm64, the two architectures Nitro Enclaves run on), so a child process
    /// started by the app does not inherit the NSM.
    /// </summary>
    internal const int O_CLOEXEC = 0x80000;

    /// <summary>
    /// <c>int open(const char *pathname, int flags)</c>. The C function is variadic (a third
    /// <c>mode</c> argument is read only with O_CREAT/O_TMPFILE); without those flags passing two
    /// fixed arguments is the documented way to call it on the Linux x86-64 and arm64 ABIs.
    /// </summary>
    /// <returns>
    /// The descriptor, owned by the handle; on failure a handle whose value is -1
    /// (<see cref="System.Runtime.InteropServices.SafeHandle.IsInvalid"/>) and errno in
    /// <see cref="Marshal.GetLastPInvokeError"/>.
    /// </returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial SafeFileHandle open(string pathname, int flags);
}
