using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using NsmDashboard.Nsm.Protocol;
using static NsmDashboard.Nsm.Device.Interop.Errno;

namespace NsmDashboard.Nsm.Device;

/// <summary>
/// The one place where errno values from <c>open</c>/<c>ioctl</c> on the NSM device become
/// <see cref="NsmDeviceException"/>s (docs/nsm-ioctl.md#errno). Every message names the device, the
/// failed call, the errno (symbol, number and the C library's text) and what an operator can do.
/// </summary>
internal static class NsmDeviceErrors
{
    /// <summary>The <see cref="NsmDeviceException.Operation"/> of a failed <c>open</c>.</summary>
    internal const string Open = "open";

    /// <summary>The <see cref="NsmDeviceException.Operation"/> of a failed or refused <c>ioctl</c>.</summary>
    internal const string Ioctl = "ioctl";

    /// <summary>Throws for the errno the last <c>SetLastError</c> P/Invoke left behind.</summary>
    [DoesNotReturn]
    internal static void ThrowForLastError(string operation, string devicePath) =>
        throw Create(Marshal.GetLastPInvokeError(), operation, devicePath);

    /// <summary>
    /// The error code the Rust driver (aws-nitro-enclaves-nsm-api <c>src/driver/mod.rs</c>) reports
    /// for an errno: EMSGSIZE means the request was too large, anything else is an internal error.
    /// </summary>
    internal static NsmErrorCode ErrorCodeFor(int errno) =>
        errno == EMSGSIZE ? NsmErrorCode.InputTooLarge : NsmErrorCode.InternalError;

    /// <summary>Builds the exception for <paramref name="errno"/> from <paramref name="operation"/> on the device.</summary>
    internal static NsmDeviceException Create(int errno, string operation, string devicePath)
    {
        string name = Interop.Errno.Name(errno);
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"{Explain(errno, operation, devicePath)} ({operation} {devicePath}: {name}, errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)})");
        return new NsmDeviceException(ErrorCodeFor(errno), errno, name, operation, message);
    }

    /// <summary>
    /// A request over <see cref="NsmLimits.RequestMaxSize"/>, refused without calling the driver.
    /// The error code is <see cref="NsmErrorCode.InputTooLarge"/>, as for the driver's own EMSGSIZE
    /// (docs/nsm-ioctl.md#sizes), but <see cref="NsmDeviceException.Errno"/> is 0: no system call failed, which is what
    /// 0 means on that property, and it lets a caller tell "refused here" from "refused by the kernel".
    /// </summary>
    internal static NsmDeviceException RequestTooLarge(int length, string devicePath) =>
        NotCalled(
            NsmErrorCode.InputTooLarge,
            $"The {length}-byte request was refused before the ioctl: the NSM driver accepts at most {NsmLimits.RequestMaxSize} bytes (NSM_REQUEST_MAX_SIZE) and would answer EMSGSIZE",
            devicePath);

    /// <summary>
    /// An empty request, refused without calling the driver. The driver passes it through, and a
    /// virtio NSM may treat the zero-sized buffer as fatal: QEMU's virtio-nsm marks itself broken,
    /// the ioctl times out after 120 s with ETIMEDOUT, and every later call fails with ENOSPC
    /// (measured in the rig). No valid NSM request is empty, so nothing is lost by refusing it.
    /// </summary>
    internal static NsmDeviceException RequestEmpty(string devicePath) =>
        NotCalled(
            NsmErrorCode.InvalidArgument,
            "The empty request was refused before the ioctl: no NSM request is empty, and a zero-sized buffer can wedge a virtio NSM until the enclave restarts",
            devicePath);

    /// <summary>
    /// The NSM answered with more bytes than the caller's buffer holds. The request has been
    /// executed (an ExtendPCR or LockPCR has taken effect) but its answer is lost, which the message
    /// says, because a retry would extend or lock again.
    /// </summary>
    internal static NsmException ResponseBufferTooSmall(int responseLength, int bufferLength, string devicePath) =>
        new(
            NsmErrorCode.BufferTooSmall,
            string.Create(
                CultureInfo.InvariantCulture,
                $"The NSM at {devicePath} answered {responseLength} bytes but the caller's buffer holds {bufferLength}; the request WAS executed and its answer discarded. Pass a buffer of {NsmLimits.ResponseMaxSize} bytes (NSM_RESPONSE_MAX_SIZE)."));

    private static NsmDeviceException NotCalled(NsmErrorCode code, string reason, string devicePath) =>
        new(code, 0, Interop.Errno.Name(0), Ioctl, $"{reason} ({Ioctl} {devicePath}: not called)");

    /// <summary>The driver claimed to have written more than the buffer it was given: never trust that length.</summary>
    internal static NsmException ImpossibleResponseLength(ulong reported, string devicePath) =>
        new(
            NsmErrorCode.InternalError,
            string.Create(
                CultureInfo.InvariantCulture,
                $"The driver behind {devicePath} reported a {reported}-byte response for a {NsmLimits.ResponseMaxSize}-byte buffer; the answer was discarded (driver fault)."));

    // What each errno means on this path (docs/nsm-ioctl.md#driver-steps for the ioctl, open(2) for open) and
    // what to do about it.
    private static string Explain(int errno, string operation, string path)
    {
        bool open = operation == Open;
        return errno switch
        {
            ENOENT when open => $"{path} does not exist: not inside a Nitro Enclave, or the nsm driver is not loaded (Linux 6.8+ CONFIG_NSM, module nsm); use --emulator to run without a device",
            EACCES or EPERM when open => $"permission denied opening {path}: the process needs read/write access to the device (the driver creates it mode 0666; check the container's device mapping, file mode and SELinux/AppArmor policy)",
            EACCES or EPERM => $"the kernel refused the NSM ioctl on {path}: a seccomp or security-module policy blocks it",
            ENXIO or ENODEV when open => $"{path} exists but no NSM device is behind it (the nsm driver is not bound to a virtio NSM); use --emulator to run without a device",
            EISDIR => $"{path} is a directory, not the NSM device",
            EMFILE => "the process has too many open files to open the NSM device",
            ENOTTY => $"{path} is not an NSM device: it does not understand the NSM ioctl (check the device path)",
            EINVAL when open => $"the kernel refused the flags used to open {path}",
            EINVAL => $"the driver rejected the NSM ioctl: {path} is not an NSM device, or its driver expects a different request code or struct size than 0xC0200A00/32 bytes",
            EMSGSIZE => $"the request is larger than the driver's {NsmLimits.RequestMaxSize}-byte limit (NSM_REQUEST_MAX_SIZE)",
            EFAULT => "the kernel could not copy the request or response buffer (bad user address): a bug in the transport",
            EIO => "the driver could not hand the request to the NSM (virtqueue kick failed): the module is unavailable",
            ETIMEDOUT => "the NSM did not answer within the driver's 120 s timeout: the module is hung, and its queue may stay blocked (later calls then fail with ENOSPC)",
            ENODATA => "the NSM returned the wrong buffers on its virtqueue and the answer was discarded: device or driver fault",
            ENXIO => "the NSM device went away (the older out-of-tree driver reports ENXIO when the virtio device is absent)",
            ENOMEM => "the kernel ran out of memory queueing the NSM request; retry later",
            ENOSPC => "the NSM virtqueue had no room for the request: an earlier request is still unanswered (after an ETIMEDOUT the module stays wedged until the enclave restarts)",
            EBADF => "the NSM device handle is not open",
            EINTR => "interrupted by a signal before the NSM answered; the request may or may not have been executed",
            _ => open ? $"cannot open {path}" : "the nsm driver failed the request",
        };
    }
}
