using System.Security.Cryptography;
using NsmDashboard.Nsm.Protocol;
using static NsmDashboard.Nsm.Tests.Emulator.EmulatorTestKit;

namespace NsmDashboard.Nsm.Tests.Emulator;

/// <summary>Every PCR rule of docs/pcrs.md, with the exact response bytes where docs/nsm-messages.md#hex-vectors gives them.</summary>
public class NsmEmulatorPcrTests
{
    private static readonly string Zero48 = new('0', 96);

    [Fact]
    public void DescribePcr_16_at_boot_is_unlocked_and_zero()
    {
        using var emulator = Create();

        // docs/nsm-messages.md#hex-vectors: DescribePCR{lock:false, 48×00}.
        Assert.Equal(
            Compact("a1 6b4465736372696265504352 a2 646c6f636b f4 6464617461 5830 " + Zero48),
            ExchangeHex(emulator, "a16b4465736372696265504352a165696e64657810"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(15)]
    public void Pcrs_0_to_15_are_locked_at_boot(ushort index)
    {
        using var emulator = Create();

        Assert.True(Pcr(emulator, index).Lock);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(31)]
    public void Pcrs_16_to_31_are_unlocked_and_zero_at_boot(ushort index)
    {
        using var emulator = Create();

        var pcr = Pcr(emulator, index);

        Assert.False(pcr.Lock);
        Assert.Equal(new byte[48], pcr.Data.ToArray());
    }

    [Fact]
    public void Pcrs_5_to_15_except_8_are_zero_and_48_bytes()
    {
        using var emulator = Create();

        foreach (ushort index in new ushort[] { 5, 6, 7, 9, 10, 11, 12, 13, 14, 15 })
        {
            Assert.Equal(new byte[48], Pcr(emulator, index).Data.ToArray());
        }
    }

    [Fact]
    public void ExtendPcr_16_with_010203_returns_the_spec_vector()
    {
        using var emulator = Create();

        // docs/nsm-messages.md#hex-vectors: ExtendPCR{16, data=010203} → SHA384(0^48 ‖ 010203) = cb178fcd…
        Assert.Equal(
            "a169457874656e64504352a164646174615830"
            + "cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e",
            ExchangeHex(emulator, "a1 69457874656e64504352 a2 65696e646578 10 6464617461 43 010203"));
    }

    [Fact]
    public void Extend_folds_SHA384_of_old_value_and_data_and_DescribePcr_reads_it_back()
    {
        using var emulator = Create();
        byte[] data = [0xde, 0xad, 0xbe, 0xef];

        Send(emulator, new ExtendPcrRequest(20, data));
        var second = Assert.IsType<ExtendPcrResponse>(Send(emulator, new ExtendPcrRequest(20, data)));

        var expected = SHA384.HashData([.. SHA384.HashData([.. new byte[48], .. data]), .. data]);
        Assert.Equal(expected, second.Data.ToArray());
        Assert.Equal(expected, Pcr(emulator, 20).Data.ToArray());
    }

    [Fact]
    public void Extend_with_empty_data_hashes_the_old_value_alone()
    {
        using var emulator = Create();

        var response = Assert.IsType<ExtendPcrResponse>(Send(emulator, new ExtendPcrRequest(17, ReadOnlyMemory<byte>.Empty)));

        Assert.Equal(SHA384.HashData(new byte[48]), response.Data.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(15)]
    public void Extend_of_a_boot_locked_pcr_is_ReadOnlyIndex(ushort index)
    {
        using var emulator = Create();
        var before = Pcr(emulator, index).Data.ToArray();

        Assert.Equal(Compact(ReadOnlyIndex), SendHex(emulator, new ExtendPcrRequest(index, new byte[] { 1 })));
        Assert.Equal(before, Pcr(emulator, index).Data.ToArray());
    }

    [Theory]
    [InlineData(32)]
    [InlineData(255)]
    [InlineData(ushort.MaxValue)]
    public void Extend_beyond_31_is_InvalidIndex(ushort index)
    {
        using var emulator = Create();

        Assert.Equal(Compact(InvalidIndex), SendHex(emulator, new ExtendPcrRequest(index, new byte[] { 1 })));
    }

    [Fact]
    public void LockPcr_16_answers_LockPCR_then_the_pcr_is_read_only()
    {
        using var emulator = Create();
        Send(emulator, new ExtendPcrRequest(16, new byte[] { 1, 2, 3 }));

        Assert.Equal(LockPcrHex, ExchangeHex(emulator, "a1674c6f636b504352a165696e64657810"));

        var pcr = Pcr(emulator, 16);
        Assert.True(pcr.Lock);
        Assert.Equal(Convert.FromHexString("cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e"), pcr.Data.ToArray());
        Assert.Equal(Compact(ReadOnlyIndex), SendHex(emulator, new ExtendPcrRequest(16, new byte[] { 1 })));
    }

    [Fact]
    public void LockPcr_on_an_already_locked_pcr_is_ReadOnlyIndex()
    {
        using var emulator = Create();
        Send(emulator, new LockPcrRequest(30));

        Assert.Equal(Compact(ReadOnlyIndex), SendHex(emulator, new LockPcrRequest(30)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void LockPcr_on_a_boot_locked_pcr_is_ReadOnlyIndex(ushort index)
    {
        using var emulator = Create();

        Assert.Equal(Compact(ReadOnlyIndex), SendHex(emulator, new LockPcrRequest(index)));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(1000)]
    public void LockPcr_beyond_31_is_InvalidIndex(ushort index)
    {
        using var emulator = Create();

        Assert.Equal(Compact(InvalidIndex), SendHex(emulator, new LockPcrRequest(index)));
    }

    [Fact]
    public void LockPcrs_32_locks_everything_and_answers_LockPCRs()
    {
        using var emulator = Create();

        Assert.Equal(LockPcrsHex, ExchangeHex(emulator, "a1 684c6f636b50435273 a1 6572616e6765 1820"));

        var described = Assert.IsType<DescribeNsmResponse>(Send(emulator, DescribeNsmRequest.Instance));
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (ushort)i), described.LockedPcrs);
    }

    [Fact]
    public void LockPcrs_32_still_succeeds_after_16_to_31_were_locked_one_by_one_as_nsm_check_does()
    {
        using var emulator = Create();
        for (ushort i = 16; i < 32; i++)
        {
            Assert.Equal(LockPcrHex, SendHex(emulator, new LockPcrRequest(i)));
        }

        Assert.Equal(LockPcrsHex, SendHex(emulator, new LockPcrsRequest(32)));
    }

    [Fact]
    public void LockPcrs_20_locks_16_to_19_only()
    {
        using var emulator = Create();

        Assert.Equal(LockPcrsHex, SendHex(emulator, new LockPcrsRequest(20)));

        var described = Assert.IsType<DescribeNsmResponse>(Send(emulator, DescribeNsmRequest.Instance));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (ushort)i), described.LockedPcrs);
        Assert.False(Pcr(emulator, 20).Lock);
    }

    [Fact]
    public void LockPcrs_0_is_a_successful_no_op()
    {
        using var emulator = Create();

        Assert.Equal(LockPcrsHex, SendHex(emulator, new LockPcrsRequest(0)));

        var described = Assert.IsType<DescribeNsmResponse>(Send(emulator, DescribeNsmRequest.Instance));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (ushort)i), described.LockedPcrs);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(ushort.MaxValue)]
    public void LockPcrs_beyond_32_is_InvalidIndex_and_locks_nothing(ushort range)
    {
        using var emulator = Create();

        Assert.Equal(Compact(InvalidIndex), SendHex(emulator, new LockPcrsRequest(range)));
        Assert.False(Pcr(emulator, 16).Lock);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(ushort.MaxValue)]
    public void DescribePcr_beyond_31_is_InvalidIndex(ushort index)
    {
        using var emulator = Create();

        Assert.Equal(Compact(InvalidIndex), SendHex(emulator, new DescribePcrRequest(index)));
    }
}
