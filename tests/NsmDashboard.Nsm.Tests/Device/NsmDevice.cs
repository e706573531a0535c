using System.Runtime.Versioning;
using System.Security.Cryptography;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Device;

/// <summary>
/// Helpers for the tests that need a real <c>/dev/nsm</c> (the rig VM or a Nitro Enclave). They skip,
/// saying why, everywhere else, and they only assume what holds on both QEMU's device and Nitro
/// hardware (tests/rig, docs/rig.md#qemu-differences).
/// </summary>
[SupportedOSPlatform("linux")] // OpenOrSkip skips before any Linux call elsewhere.
internal static class NsmDevice
{
    public const string Path = NsmTransportFactory.DefaultDevicePath;

    /// <summary>One xunit collection for every device test: they share one NSM's PCRs, so they run one class at a time.</summary>
    public const string Collection = "NSM device";

    public const string SkipReason = "no /dev/nsm on this machine: the device tests run in the rig VM (tests/rig)";

    public static LinuxNsmTransport OpenOrSkip()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Path))
        {
            Assert.Skip(SkipReason);
        }

        return new LinuxNsmTransport(Path);
    }

    /// <summary>One exchange with a full-size buffer; returns exactly the bytes the driver wrote.</summary>
    public static byte[] Exchange(INsmTransport transport, ReadOnlySpan<byte> request, ITestOutputHelper? log = null)
    {
        var buffer = new byte[NsmLimits.ResponseMaxSize];
        int length = transport.Exchange(request, buffer);
        byte[] response = buffer.AsSpan(0, length).ToArray();
        log?.WriteLine($"request  ({request.Length,4} B) {Head(request)}");
        log?.WriteLine($"response ({response.Length,4} B) {Head(response)}");
        return response;
    }

    public static T Send<T>(INsmTransport transport, NsmRequest request, ITestOutputHelper? log = null)
        where T : NsmResponse =>
        Assert.IsType<T>(NsmCbor.DecodeResponse(Exchange(transport, NsmCbor.EncodeRequest(request), log)));

    public static byte[] ReadPcr(INsmTransport transport, ushort index) =>
        Send<DescribePcrResponse>(transport, new DescribePcrRequest(index)).Data.ToArray();

    /// <summary>
    /// The first PCR from <paramref name="start"/> up that is not locked: 16 on a fresh device, but a
    /// long-lived enclave may have locked some, and a locked PCR would answer ReadOnlyIndex.
    /// </summary>
    public static ushort UnlockedPcrFrom(INsmTransport transport, ushort start)
    {
        for (ushort index = start; index < NsmLimits.PcrCount; index++)
        {
            if (!Send<DescribePcrResponse>(transport, new DescribePcrRequest(index)).Lock)
            {
                return index;
            }
        }

        Assert.Skip($"every PCR from {start} to {NsmLimits.PcrCount - 1} is locked on this NSM");
        return 0;
    }

    /// <summary>PCR extension as docs/pcrs.md#extend defines it: SHA384(old ‖ data).</summary>
    public static byte[] Extend(ReadOnlySpan<byte> old, ReadOnlySpan<byte> data) => SHA384.HashData([.. old, .. data]);

    public static string Head(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= 96 ? Convert.ToHexStringLower(bytes) : $"{Convert.ToHexStringLower(bytes[..96])}…";
}
