using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Protocol;

public sealed class ExtendRequestSizeTests
{
    [Fact]
    public void Matches_the_spec_vector_for_PCR16_and_three_bytes()
    {
        // a1 69"ExtendPCR" a2 65"index" 10 64"data" 43 010203 (docs/nsm-messages.md#hex-vectors)
        var vector = Convert.FromHexString("a169457874656e64504352a265696e646578106464617461" + "43010203");
        Assert.Equal(vector.Length, ExtendRequestSize.Of(16, new byte[] { 1, 2, 3 }));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(31)]
    public void The_largest_allowed_data_fills_the_4096_byte_limit_exactly_or_nearly(ushort index)
    {
        var max = ExtendRequestSize.MaxDataLength(index);

        Assert.True(ExtendRequestSize.Fits(index, new byte[max]));
        Assert.False(ExtendRequestSize.Fits(index, new byte[max + 1]));
        Assert.InRange(ExtendRequestSize.Of(index, new byte[max]), NsmLimits.RequestMaxSize - 1, NsmLimits.RequestMaxSize);
    }

    [Fact]
    public void Index_24_and_above_needs_one_more_byte_than_16()
    {
        // Indices < 24 fit in the initial byte; 24–255 take a second byte (RFC 8949 §3).
        Assert.Equal(ExtendRequestSize.MaxDataLength(16) - 1, ExtendRequestSize.MaxDataLength(24));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(4069)]
    [InlineData(5000)]
    [InlineData(70000)]
    public void Sizes_huge_data_without_encoding_it_and_agrees_with_the_codec_where_both_apply(int length)
    {
        var size = ExtendRequestSize.Of(16, new byte[length]);
        var encoded = NsmCbor.EncodeRequest(new ExtendPcrRequest(16, new byte[length])).Length;
        Assert.Equal(encoded, size);
    }
}
