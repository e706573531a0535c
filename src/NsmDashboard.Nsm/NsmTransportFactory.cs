using NsmDashboard.Nsm.Device;

namespace NsmDashboard.Nsm;

/// <summary>
/// Chooses between the real device and the emulator (docs/nsm-ioctl.md#device-selection). The emulator
/// comes from a delegate so this library's device path does not depend on how it is configured.
/// </summary>
public static class NsmTransportFactory
{
    /// <summary>
    /// The node the Linux nsm driver creates (docs/nsm-ioctl.md#device). Declared here rather than on
    /// the Linux-only <see cref="LinuxNsmTransport"/> so option defaults can name it on any platform.
    /// </summary>
    public const string DefaultDevicePath = "/dev/nsm";

    /// <summary>
    /// Opens the transport <paramref name="mode"/> asks for.
    /// <list type="bullet">
    /// <item><see cref="NsmMode.Auto"/>: the device when running on Linux and
    /// <paramref name="devicePath"/> exists, otherwise the emulator. A device that exists but cannot
    /// be opened is an error, not a reason to fall back: inside an enclave, silently answering with
    /// emulator documents would be worse than failing.</item>
    /// <item><see cref="NsmMode.Device"/>: the device, or an exception.</item>
    /// <item><see cref="NsmMode.Emulator"/>: the emulator.</item>
    /// </list>
    /// </summary>
    /// <param name="mode">How to choose.</param>
    /// <param name="devicePath">The device node, normally <see cref="DefaultDevicePath"/>.</param>
    /// <param name="emulatorFactory">Creates the emulator; called only when the emulator is chosen.</param>
    /// <returns>The transport and a one-line reason for the choice.</returns>
    /// <exception cref="NsmDeviceException">The device was required (or found) but cannot be opened.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    public static NsmTransportSelection Create(NsmMode mode, string devicePath, Func<INsmTransport> emulatorFactory)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        ArgumentNullException.ThrowIfNull(emulatorFactory);

        switch (mode)
        {
            case NsmMode.Emulator:
                return Emulator(emulatorFactory, "emulator requested");

            case NsmMode.Device:
                return new NsmTransportSelection(OpenDevice(devicePath), $"device requested: using the NSM device {devicePath}");

            case NsmMode.Auto when OperatingSystem.IsLinux() && File.Exists(devicePath):
                return new NsmTransportSelection(OpenDevice(devicePath), $"{devicePath} found: using the device");

            case NsmMode.Auto:
                return Emulator(emulatorFactory, $"no {devicePath}");

            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown NSM mode.");
        }
    }

    private static LinuxNsmTransport OpenDevice(string devicePath)
    {
        if (!OperatingSystem.IsLinux())
        {
            // The NSM driver exists only for Linux; report it as the missing device it is.
            throw NsmDeviceErrors.Create(Interop.Errno.ENOENT, NsmDeviceErrors.Open, devicePath);
        }

        return new LinuxNsmTransport(devicePath);
    }

    private static NsmTransportSelection Emulator(Func<INsmTransport> emulatorFactory, string why)
    {
        INsmTransport transport = emulatorFactory()
            ?? throw new InvalidOperationException("The emulator factory returned null.");
        return new NsmTransportSelection(
            transport,
            $"{why}: using the EMULATOR ({transport.Description}) — attestation documents will not chain to AWS");
    }
}
