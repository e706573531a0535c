using NsmDashboard.Nsm.Device;

namespace NsmDashboard.Nsm.Tests.Device;

/// <summary>NSM_IOCTL_RAW is derived from _IOWR(0x0A, 0, sizeof(nsm_raw)) (docs/nsm-ioctl.md#request-code).</summary>
public sealed class IoctlRequestCodeTests
{
    [Fact]
    public void NSM_IOCTL_RAW_is_0xC0200A00()
    {
        Assert.Equal((nuint)0xC0200A00u, Interop.NSM_IOCTL_RAW);
        Assert.Equal((nuint)3223325184u, Interop.NSM_IOCTL_RAW);
    }

    [Fact]
    public void NSM_IOCTL_RAW_is_zero_extended_to_a_native_unsigned_long()
    {
        // Sign extension would give 0xFFFFFFFFC0200A00 on 64-bit.
        Assert.Equal(0x0000_0000_C020_0A00UL, (ulong)Interop.NSM_IOCTL_RAW);
    }

    [Theory]
    // The 64-bit nsm_raw (two 16-byte iovecs) and a 32-bit userland's pair of 8-byte iovecs, which
    // the 6.8 driver rejects with EINVAL: the derivation follows the size.
    [InlineData(0x0Au, 0u, 32u, 0xC0200A00u)]
    [InlineData(0x0Au, 0u, 16u, 0xC0100A00u)]
    // Every field lands in its own bits: dir<<30 | size<<16 | type<<8 | nr.
    [InlineData(0x00u, 0u, 0u, 0xC0000000u)]
    [InlineData(0xFFu, 0xFFu, 0x3FFFu, 0xFFFFFFFFu)]
    [InlineData(0x12u, 0x34u, 0x0056u, 0xC0561234u)]
    public void IOWR_follows_the_generic_linux_encoding(uint type, uint nr, uint size, uint expected)
    {
        Assert.Equal(expected, Interop._IOWR(type, nr, size));
    }

    [Fact]
    public void IOC_puts_the_direction_in_the_top_two_bits()
    {
        Assert.Equal(0x40200A00u, Interop._IOC(Interop.IOC_WRITE, 0x0A, 0, 32));
        Assert.Equal(0x80200A00u, Interop._IOC(Interop.IOC_READ, 0x0A, 0, 32));
        Assert.Equal(0x00200A00u, Interop._IOC(0, 0x0A, 0, 32));
    }

    [Theory]
    [InlineData(0x100u, 0u, 32u)]      // type has 8 bits
    [InlineData(0x0Au, 0x100u, 32u)]   // nr has 8 bits
    [InlineData(0x0Au, 0u, 0x4000u)]   // size has 14 bits
    public void IOWR_refuses_fields_that_do_not_fit(uint type, uint nr, uint size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Interop._IOWR(type, nr, size));
    }

    [Fact]
    public void IOC_refuses_a_direction_over_two_bits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Interop._IOC(4, 0x0A, 0, 32));
    }
}
