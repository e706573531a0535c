using System.Buffers;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Device;

/// <summary>
/// The real NSM: one <c>ioctl(fd, NSM_IOCTL_RAW, &amp;nsm_raw)</c> on <c>/dev/nsm</c> per exchange
/// (docs/nsm-ioctl.md). Thread-safe: the only shared state is the read-only device handle, whose
/// reference count the interop marshaller takes around each call; the driver serialises the NSM
/// commands themselves with its own mutex.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxNsmTransport : INsmTransport
{
    /// <summary>
    /// The device node the Linux driver creates; the same as
    /// <see cref="NsmTransportFactory.DefaultDevicePath"/>, which code that also runs off Linux should use.
    /// </summary>
    public const string DefaultDevicePath = NsmTransportFactory.DefaultDevicePath;

    private readonly SafeFileHandle _device;

    /// <summary>Opens the NSM device read/write.</summary>
    /// <param name="devicePath">The device node; <see cref="DefaultDevicePath"/> unless testing.</param>
    /// <exception cref="NsmDeviceException">
    /// The device cannot be opened (<see cref="NsmDeviceException.Operation"/> is <c>open</c>;
    /// ENOENT when it does not exist, EACCES when permission is denied, …).
    /// </exception>
    public LinuxNsmTransport(string devicePath = DefaultDevicePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        SafeFileHandle device = Interop.open(devicePath, Interop.O_RDWR | Interop.O_CLOEXEC);
        if (device.IsInvalid)
        {
            // open returned -1: the handle owns nothing, and errno was captured by the marshaller.
            device.Dispose();
            NsmDeviceErrors.ThrowForLastError(NsmDeviceErrors.Open, devicePath);
        }

        _device = device;
        Description = devicePath;
    }

    /// <inheritdoc />
    public NsmTransportKind Kind => NsmTransportKind.Device;

    /// <inheritdoc />
    /// <remarks>The device path this transport opened.</remarks>
    public string Description { get; }

    /// <inheritdoc />
    /// <remarks>
    /// The driver always gets a <see cref="NsmLimits.ResponseMaxSize"/>-byte response buffer, so it
    /// never truncates (it would do so silently, docs/nsm-ioctl.md#driver-steps step 6): the caller's own span when it is that
    /// large, as the contract asks, otherwise a buffer rented from <see cref="ArrayPool{T}.Shared"/>
    /// whose contents are copied out. No memory is allocated per call.
    /// </remarks>
    /// <exception cref="NsmDeviceException">
    /// Refused before the call, with <see cref="NsmDeviceException.Errno"/> 0: the request is over
    /// <see cref="NsmLimits.RequestMaxSize"/> bytes (<see cref="NsmErrorCode.InputTooLarge"/>, where
    /// the driver would say EMSGSIZE) or empty (<see cref="NsmErrorCode.InvalidArgument"/>). Or the
    /// ioctl failed, with its errno.
    /// </exception>
    /// <exception cref="NsmException">
    /// <see cref="NsmErrorCode.BufferTooSmall"/>: the answer did not fit a caller buffer smaller than
    /// <see cref="NsmLimits.ResponseMaxSize"/>; the NSM did execute the request.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The transport has been disposed.</exception>
    public int Exchange(ReadOnlySpan<byte> request, Span<byte> response)
    {
        ObjectDisposedException.ThrowIf(_device.IsClosed, this);
        if (request.Length > NsmLimits.RequestMaxSize)
        {
            // The kernel would refuse it with EMSGSIZE after taking the device mutex; refusing here
            // keeps the NSM free for other threads and is what the Rust driver does (docs/nsm-ioctl.md#transport-refusals).
            throw NsmDeviceErrors.RequestTooLarge(request.Length, Description);
        }

        if (request.IsEmpty)
        {
            // The kernel passes an empty request to the device (docs/nsm-ioctl.md#driver-steps step 4), which can wedge it (#measured).
            throw NsmDeviceErrors.RequestEmpty(Description);
        }

        if (response.Length >= NsmLimits.ResponseMaxSize)
        {
            return Call(request, response[..NsmLimits.ResponseMaxSize]);
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(NsmLimits.ResponseMaxSize);
        try
        {
            int length = Call(request, rented.AsSpan(0, NsmLimits.ResponseMaxSize));
            if (length > response.Length)
            {
                throw NsmDeviceErrors.ResponseBufferTooSmall(length, response.Length, Description);
            }

            rented.AsSpan(0, length).CopyTo(response);
            return length;
        }
        finally
        {
            // Responses can hold attestation documents and random bytes: do not leave them in the pool.
            rented.AsSpan(0, NsmLimits.ResponseMaxSize).Clear();
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Closes the device. In-flight exchanges on other threads finish first.</summary>
    public void Dispose() => _device.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"NSM device {Description}";

    // One ioctl with a response buffer of exactly ResponseMaxSize bytes.
    private int Call(ReadOnlySpan<byte> request, Span<byte> responseBuffer)
    {
        int errno = Interop.NsmIoctlRaw(_device, request, responseBuffer, out ulong written);
        if (errno != 0)
        {
            throw NsmDeviceErrors.Create(errno, NsmDeviceErrors.Ioctl, Description);
        }

        // The driver writes min(capacity, device length) and reports it back (docs/nsm-ioctl.md#driver-steps steps 6-7);
        // a larger value would mean a broken driver, and reading it would overrun the buffer.
        if (written > (ulong)responseBuffer.Length)
        {
            throw NsmDeviceErrors.ImpossibleResponseLength(written, Description);
        }

        return (int)written;
    }
}
