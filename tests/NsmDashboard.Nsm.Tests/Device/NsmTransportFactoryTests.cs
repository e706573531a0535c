using System.Runtime.Versioning;
using NsmDashboard.Nsm.Device;

namespace NsmDashboard.Nsm.Tests.Device;

/// <summary>Device selection: auto / device / emulator, and the reason it gives (docs/nsm-ioctl.md#device-selection).</summary>
public sealed class NsmTransportFactoryTests
{
    private static readonly string MissingDevice = $"/nonexistent-{Guid.NewGuid():N}/nsm";

    [Fact]
    public void Auto_without_a_device_uses_the_emulator_and_says_so_loudly()
    {
        var emulator = new FakeTransport();

        NsmTransportSelection selection = NsmTransportFactory.Create(NsmMode.Auto, MissingDevice, () => emulator);

        Assert.Same(emulator, selection.Transport);
        Assert.Equal(
            $"no {MissingDevice}: using the EMULATOR (fake emulator) — attestation documents will not chain to AWS",
            selection.Reason);
    }

    [Fact]
    [SupportedOSPlatform("linux")] // skips first elsewhere
    public void Auto_with_a_device_node_uses_the_device()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the device exists only on Linux");
        var calls = 0;

        // /dev/null stands in for /dev/nsm: selection only needs the node to exist and open.
        NsmTransportSelection selection = NsmTransportFactory.Create(NsmMode.Auto, "/dev/null", () =>
        {
            calls++;
            return new FakeTransport();
        });

        using INsmTransport transport = selection.Transport;
        Assert.IsType<LinuxNsmTransport>(transport);
        Assert.Equal("/dev/null", transport.Description);
        Assert.Equal("/dev/null found: using the device", selection.Reason);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Device_mode_without_a_device_is_ENOENT_and_never_falls_back()
    {
        var calls = 0;

        var e = Assert.Throws<NsmDeviceException>(() => NsmTransportFactory.Create(NsmMode.Device, MissingDevice, () =>
        {
            calls++;
            return new FakeTransport();
        }));

        Assert.Equal("ENOENT", e.ErrnoName);
        Assert.Equal(2, e.Errno);
        Assert.Equal("open", e.Operation);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Device_mode_with_a_device_node_uses_it()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the device exists only on Linux");

        NsmTransportSelection selection = NsmTransportFactory.Create(NsmMode.Device, "/dev/null", () => new FakeTransport());

        using INsmTransport transport = selection.Transport;
        Assert.Equal(NsmTransportKind.Device, transport.Kind);
        Assert.Equal("device requested: using the NSM device /dev/null", selection.Reason);
    }

    [Fact]
    public void Emulator_mode_uses_the_emulator_even_when_a_device_exists()
    {
        var emulator = new FakeTransport();

        NsmTransportSelection selection = NsmTransportFactory.Create(NsmMode.Emulator, "/dev/null", () => emulator);

        Assert.Same(emulator, selection.Transport);
        Assert.StartsWith("emulator requested: using the EMULATOR", selection.Reason, StringComparison.Ordinal);
        Assert.Contains("will not chain to AWS", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NsmTransportFactory.Create((NsmMode)42, MissingDevice, () => new FakeTransport()));
        Assert.Throws<ArgumentException>(() => NsmTransportFactory.Create(NsmMode.Auto, "", () => new FakeTransport()));
        Assert.Throws<ArgumentNullException>(() => NsmTransportFactory.Create(NsmMode.Auto, MissingDevice, null!));
        Assert.Throws<InvalidOperationException>(() => NsmTransportFactory.Create(NsmMode.Emulator, MissingDevice, () => null!));
    }

    private sealed class FakeTransport : INsmTransport
    {
        public NsmTransportKind Kind => NsmTransportKind.Emulator;

        public string Description => "fake emulator";

        public int Exchange(ReadOnlySpan<byte> request, Span<byte> response) =>
            throw new InvalidOperationException("selection tests do not exchange");

        public void Dispose()
        {
        }
    }
}
