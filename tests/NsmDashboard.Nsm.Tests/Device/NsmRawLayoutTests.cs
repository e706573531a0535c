using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NsmDashboard.Nsm.Device;

namespace NsmDashboard.Nsm.Tests.Device;

/// <summary>
/// <c>struct nsm_raw</c> is 32 bytes: request.addr @0, request.len @8, response.addr @16,
/// response.len @24, little-endian u64s (docs/nsm-ioctl.md#nsm-raw). Checked with Marshal.OffsetOf and
/// against an explicit-layout mirror written here from the spec, in both directions.
/// </summary>
public sealed class NsmRawLayoutTests
{
    /// <summary>The spec's table, written independently of the production struct.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    private struct NsmRawMirror
    {
        [FieldOffset(0)] public ulong RequestAddr;
        [FieldOffset(8)] public ulong RequestLen;
        [FieldOffset(16)] public ulong ResponseAddr;
        [FieldOffset(24)] public ulong ResponseLen;
    }

    [Fact]
    public void Sizes_match_the_uapi_header()
    {
        Assert.Equal(16, Unsafe.SizeOf<Interop.nsm_iovec>());
        Assert.Equal(32, Unsafe.SizeOf<Interop.nsm_raw>());
        Assert.Equal(32, Marshal.SizeOf<Interop.nsm_raw>());
        Assert.Equal(32, Unsafe.SizeOf<NsmRawMirror>());
    }

    [Theory]
    [InlineData(nameof(Interop.nsm_iovec.addr), 0)]
    [InlineData(nameof(Interop.nsm_iovec.len), 8)]
    public void Iovec_field_offsets(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<Interop.nsm_iovec>(field));
    }

    [Theory]
    [InlineData(nameof(Interop.nsm_raw.request), 0)]
    [InlineData(nameof(Interop.nsm_raw.response), 16)]
    public void Raw_field_offsets(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<Interop.nsm_raw>(field));
    }

    [Fact]
    public void Filling_nsm_raw_reads_back_through_the_mirror()
    {
        var raw = new Interop.nsm_raw
        {
            request = new Interop.nsm_iovec { addr = 0x1111_2222_3333_4444, len = 0x1000 },
            response = new Interop.nsm_iovec { addr = 0x5555_6666_7777_8888, len = 0x3000 },
        };

        NsmRawMirror mirror = Unsafe.As<Interop.nsm_raw, NsmRawMirror>(ref raw);

        Assert.Equal(0x1111_2222_3333_4444UL, mirror.RequestAddr);
        Assert.Equal(0x1000UL, mirror.RequestLen);
        Assert.Equal(0x5555_6666_7777_8888UL, mirror.ResponseAddr);
        Assert.Equal(0x3000UL, mirror.ResponseLen);
    }

    [Fact]
    public void Filling_the_mirror_reads_back_through_nsm_raw()
    {
        // As the kernel does when it writes response.len back.
        var mirror = new NsmRawMirror { RequestAddr = 1, RequestLen = 2, ResponseAddr = 3, ResponseLen = 0x2A };

        Interop.nsm_raw raw = Unsafe.As<NsmRawMirror, Interop.nsm_raw>(ref mirror);

        Assert.Equal(1UL, raw.request.addr);
        Assert.Equal(2UL, raw.request.len);
        Assert.Equal(3UL, raw.response.addr);
        Assert.Equal(0x2AUL, raw.response.len);
    }

    [Fact]
    public void Bytes_are_little_endian_u64s_with_no_padding()
    {
        var raw = new Interop.nsm_raw
        {
            request = new Interop.nsm_iovec { addr = 0x0807_0605_0403_0201, len = 0x1000 },
            response = new Interop.nsm_iovec { addr = 0x1817_1615_1413_1211, len = 0x3000 },
        };

        byte[] bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref raw, 1)).ToArray();

        Assert.Equal(
            Convert.FromHexString(
                "0102030405060708" + "0010000000000000" + "1112131415161718" + "0030000000000000"),
            bytes);
    }
}
