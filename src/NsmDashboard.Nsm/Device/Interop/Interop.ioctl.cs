using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NsmDashboard.Nsm.Device;

internal static partial class Interop
{
    // The Linux generic ioctl request encoding (include/uapi/asm-generic/ioctl.h), used by x86-64 and
    // arm64: bits 0-7 nr, 8-15 type ("magic"), 16-29 size of the argument, 30-31 direction.
    private const int IocNrBits = 8;
    private const int IocTypeBits = 8;
    private const int IocSizeBits = 14;
    private const int IocNrShift = 0;
    private const int IocTypeShift = IocNrShift + IocNrBits;      // 8
    private const int IocSizeShift = IocTypeShift + IocTypeBits;  // 16
    private const int IocDirShift = IocSizeShift + IocSizeBits;   // 30

    /// <summary><c>_IOC_WRITE</c>: userland writes the argument to the kernel.</summary>
    internal const uint IOC_WRITE = 1;

    /// <summary><c>_IOC_READ</c>: the kernel writes the argument back to userland.</summary>
    internal const uint IOC_READ = 2;

    /// <summary>
    /// <c>_IOC(dir, type, nr, size)</c> = <c>dir&lt;&lt;30 | size&lt;&lt;16 | type&lt;&lt;8 | nr</c>.
    /// The kernel's macro silently truncates out-of-range fields; this one refuses them, because a
    /// truncated size would produce a request code the driver rejects with EINVAL.
    /// </summary>
    internal static uint _IOC(uint dir, uint type, uint nr, uint size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dir, 3u);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(type, 1u << IocTypeBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nr, 1u << IocNrBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(size, 1u << IocSizeBits);
        return (dir << IocDirShift) | (size << IocSizeShift) | (type << IocTypeShift) | (nr << IocNrShift);
    }

    /// <summary><c>_IOWR(type, nr, size)</c>: an ioctl whose argument goes in and comes back out.</summary>
    internal static uint _IOWR(uint type, uint nr, uint size) => _IOC(IOC_READ | IOC_WRITE, type, nr, size);

    /// <summary>
    /// <c>int ioctl(int fd, unsigned long request, ...)</c> with the NSM's single pointer argument.
    /// The request is an <see cref="nuint"/> (C <c>unsigned long</c>), so a 32-bit code such as
    /// 0xC0200A00 is zero-extended, never sign-extended (docs/nsm-ioctl.md#request-code). The variadic
    /// pointer travels like a fixed argument on the Linux x86-64 and arm64 ABIs. The marshaller
    /// holds a reference on <paramref name="fd"/> for the duration of the call, so a concurrent
    /// Dispose cannot close the descriptor under a running ioctl.
    /// </summary>
    /// <returns>0 on success; -1 with errno in <see cref="Marshal.GetLastPInvokeError"/>.</returns>
    [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
    internal static unsafe partial int ioctl(SafeFileHandle fd, nuint request, nsm_raw* arg);
}
