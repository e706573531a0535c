using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NsmDashboard.Nsm.Device;

// Mirrors include/uapi/linux/nsm.h (Linux 6.8+); names kept as in C so the code reads against the
// header. docs/nsm-ioctl.md#request-code and #nsm-raw.
internal static partial class Interop
{
    /// <summary><c>NSM_MAGIC</c>: the ioctl type byte of the NSM driver.</summary>
    internal const uint NSM_MAGIC = 0x0A;

    /// <summary>
    /// <c>NSM_IOCTL_RAW = _IOWR(NSM_MAGIC, 0, struct nsm_raw)</c>:
    /// dir 3 (read|write) &lt;&lt; 30 = 0xC000_0000, size 32 &lt;&lt; 16 = 0x0020_0000,
    /// type 0x0A &lt;&lt; 8 = 0x0000_0A00, nr 0, giving <c>0xC0200A00</c> (3223325184). Derived rather
    /// than written as a literal so that the value follows the struct: the 6.8 driver rejects a
    /// code whose size field is not <c>sizeof(struct nsm_raw)</c> with EINVAL. Held as an
    /// <see cref="nuint"/> because C's <c>unsigned long</c> is what ioctl takes; the conversion
    /// from <see cref="uint"/> zero-extends.
    /// </summary>
    internal static readonly unsafe nuint NSM_IOCTL_RAW = _IOWR(NSM_MAGIC, 0, (uint)sizeof(nsm_raw));

    /// <summary><c>struct nsm_iovec { __u64 addr; __u64 len; }</c>: a user buffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct nsm_iovec
    {
        /// <summary>User-space address of the buffer.</summary>
        public ulong addr;

        /// <summary>Length in bytes (for the response: capacity in, bytes written out).</summary>
        public ulong len;
    }

    /// <summary>
    /// <c>struct nsm_raw { struct nsm_iovec request; struct nsm_iovec response; }</c>: 32 bytes,
    /// request.addr at 0, request.len at 8, response.addr at 16, response.len at 24, no padding.
    /// The kernel copies it in, and back out with response.len set to the bytes it wrote.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct nsm_raw
    {
        /// <summary>The CBOR request.</summary>
        public nsm_iovec request;

        /// <summary>The buffer for the CBOR response.</summary>
        public nsm_iovec response;
    }

    /// <summary>
    /// One <c>ioctl(fd, NSM_IOCTL_RAW, &amp;raw)</c> over the two buffers, with no policy: no size
    /// check and no exception, so tests can watch the driver's own behaviour. The buffers are pinned
    /// and <c>nsm_raw</c> lives on the caller's stack for the duration of the call, so concurrent
    /// calls share nothing.
    /// </summary>
    /// <param name="fd">The open device.</param>
    /// <param name="request">The request bytes (request.addr/len).</param>
    /// <param name="response">The response buffer; its length is the capacity (response.len in).</param>
    /// <param name="responseLength">response.len as the kernel left it: the bytes written on success.</param>
    /// <returns>0 on success, otherwise the errno.</returns>
    internal static unsafe int NsmIoctlRaw(SafeFileHandle fd, ReadOnlySpan<byte> request, Span<byte> response, out ulong responseLength)
    {
        fixed (byte* requestPtr = request)
        fixed (byte* responsePtr = response)
        {
            nsm_raw raw;
            raw.request.addr = (ulong)requestPtr;
            raw.request.len = (ulong)request.Length;
            raw.response.addr = (ulong)responsePtr;
            raw.response.len = (ulong)response.Length;

            int rc = ioctl(fd, NSM_IOCTL_RAW, &raw);
            int errno = rc == 0 ? 0 : Marshal.GetLastPInvokeError();
            responseLength = raw.response.len;
            return errno;
        }
    }
}
