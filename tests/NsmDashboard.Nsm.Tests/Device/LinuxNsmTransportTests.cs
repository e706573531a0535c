using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Device;

/// <summary>
/// The device transport without a device: open and ioctl failures, the size check before the call
/// and disposal, using paths every Linux machine has (/dev/null answers the NSM ioctl with ENOTTY).
/// </summary>
[SupportedOSPlatform("linux")] // each test skips on other systems before touching the device
public sealed class LinuxNsmTransportTests
{
    private const string DevNull = "/dev/null";
    private static readonly byte[] DescribeNsm = Convert.FromHexString("6b44657363726962654e534d");

    [Fact]
    public void Opening_a_missing_path_is_ENOENT_from_open()
    {
        SkipUnlessLinux();
        string path = $"/nonexistent-{Guid.NewGuid():N}/nsm";

        var e = Assert.Throws<NsmDeviceException>(() => new LinuxNsmTransport(path));

        Assert.Equal(2, e.Errno);
        Assert.Equal("ENOENT", e.ErrnoName);
        Assert.Equal("open", e.Operation);
        Assert.Equal(NsmErrorCode.InternalError, e.ErrorCode);
        Assert.StartsWith($"{path} does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_directory_is_EISDIR_from_open()
    {
        SkipUnlessLinux();

        var e = Assert.Throws<NsmDeviceException>(() => new LinuxNsmTransport("/"));

        Assert.Equal("EISDIR", e.ErrnoName);
        Assert.Equal("open", e.Operation);
    }

    [Fact]
    public void An_empty_path_is_an_argument_error()
    {
        SkipUnlessLinux();

        Assert.Throws<ArgumentException>(() => new LinuxNsmTransport(""));
    }

    [Fact]
    public void The_device_is_opened_read_write_and_close_on_exec()
    {
        SkipUnlessLinux();

        using SafeFileHandle handle = Interop.open(DevNull, Interop.O_RDWR | Interop.O_CLOEXEC);
        Assert.False(handle.IsInvalid);

        // /proc/self/fdinfo/N prints the open flags in octal: O_RDWR = 02, O_CLOEXEC = 02000000.
        string flagsLine = File.ReadLines($"/proc/self/fdinfo/{handle.DangerousGetHandle()}")
            .Single(line => line.StartsWith("flags:", StringComparison.Ordinal));
        int flags = Convert.ToInt32(flagsLine["flags:".Length..].Trim(), 8);
        Assert.Equal(Interop.O_RDWR, flags & 3);
        Assert.Equal(Interop.O_CLOEXEC, flags & Interop.O_CLOEXEC);
    }

    [Theory]
    [InlineData(NsmLimits.ResponseMaxSize)] // the caller's buffer goes straight to the kernel
    [InlineData(64)]                        // a pooled buffer goes to the kernel
    public void An_ioctl_the_file_does_not_support_is_a_typed_device_error(int responseSize)
    {
        SkipUnlessLinux();
        using var transport = new LinuxNsmTransport(DevNull);

        var e = Assert.Throws<NsmDeviceException>(() => transport.Exchange(DescribeNsm, new byte[responseSize]));

        Assert.Equal("ioctl", e.Operation);
        Assert.Contains(e.ErrnoName, new[] { "ENOTTY", "EINVAL" });
        Assert.Equal(NsmErrorCode.InternalError, e.ErrorCode);
        Assert.Contains($"{DevNull} is not an NSM device", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_over_4096_bytes_is_refused_before_the_ioctl()
    {
        SkipUnlessLinux();
        using var transport = new LinuxNsmTransport(DevNull);

        var e = Assert.Throws<NsmDeviceException>(
            () => transport.Exchange(new byte[NsmLimits.RequestMaxSize + 1], new byte[NsmLimits.ResponseMaxSize]));

        // Had /dev/null seen the ioctl it would have answered ENOTTY.
        Assert.Equal(NsmErrorCode.InputTooLarge, e.ErrorCode);
        Assert.Equal(0, e.Errno);
        Assert.Equal("ioctl", e.Operation);
        Assert.Contains("refused before the ioctl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_request_is_refused_before_the_ioctl()
    {
        SkipUnlessLinux();
        using var transport = new LinuxNsmTransport(DevNull);

        var e = Assert.Throws<NsmDeviceException>(() => transport.Exchange([], new byte[NsmLimits.ResponseMaxSize]));

        Assert.Equal(NsmErrorCode.InvalidArgument, e.ErrorCode);
        Assert.Equal(0, e.Errno);
        Assert.Equal("ioctl", e.Operation);
    }

    [Fact]
    public void A_request_of_exactly_4096_bytes_reaches_the_ioctl()
    {
        SkipUnlessLinux();
        using var transport = new LinuxNsmTransport(DevNull);

        var e = Assert.Throws<NsmDeviceException>(
            () => transport.Exchange(new byte[NsmLimits.RequestMaxSize], new byte[NsmLimits.ResponseMaxSize]));

        Assert.Equal("ENOTTY", e.ErrnoName);
        Assert.Equal("ioctl", e.Operation);
    }

    [Fact]
    public void Errno_is_kept_per_thread_under_concurrent_failures()
    {
        SkipUnlessLinux();
        using var transport = new LinuxNsmTransport(DevNull);
        var names = new string[64];

        Parallel.For(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            // Alternate the two failure paths so a shared-state bug would mix their results.
            int size = i % 2 == 0 ? NsmLimits.RequestMaxSize + 1 : 8;
            names[i] = Assert.Throws<NsmDeviceException>(() => transport.Exchange(new byte[size], new byte[NsmLimits.ResponseMaxSize])).ErrnoName;
        });

        for (int i = 0; i < names.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? "none" : "ENOTTY", names[i]);
        }
    }

    [Fact]
    public void Kind_description_and_text_name_the_device()
    {
        SkipUnlessLinux();
        using var transport = new LinuxNsmTransport(DevNull);

        Assert.Equal(NsmTransportKind.Device, transport.Kind);
        Assert.Equal(DevNull, transport.Description);
        Assert.Equal("NSM device /dev/null", transport.ToString());
    }

    [Fact]
    public void Exchange_after_dispose_is_ObjectDisposedException()
    {
        SkipUnlessLinux();
        var transport = new LinuxNsmTransport(DevNull);
        transport.Dispose();
        transport.Dispose();

        Assert.Throws<ObjectDisposedException>(() => transport.Exchange(DescribeNsm, new byte[NsmLimits.ResponseMaxSize]));
    }

    [Fact]
    public void Dispose_closes_the_descriptor()
    {
        SkipUnlessLinux();
        // A file of its own, so descriptors other tests open cannot be counted by mistake.
        string path = Path.GetTempFileName();
        try
        {
            var transport = new LinuxNsmTransport(path);
            Assert.Equal(1, DescriptorsOpenOn(path));

            transport.Dispose();

            Assert.Equal(0, DescriptorsOpenOn(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int DescriptorsOpenOn(string path) =>
        Directory.GetFiles("/proc/self/fd").Count(fd => string.Equals(new FileInfo(fd).LinkTarget, path, StringComparison.Ordinal));

    private static void SkipUnlessLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip(string.Create(CultureInfo.InvariantCulture, $"the Linux device transport cannot run on {RuntimeInformation.OSDescription}"));
        }
    }
}
