using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Protocol;

public class NsmCborEncodeTests
{
    [Theory]
    [MemberData(nameof(NsmCborVectors.Requests), MemberType = typeof(NsmCborVectors))]
    public void Requests_encode_byte_for_byte_like_serde_cbor(string name, string hex)
    {
        var request = (NsmRequest)NsmCborVectors.RequestValue(name);

        Assert.Equal(Hex.Of(Hex.Bytes(hex)), Hex.Of(NsmCbor.EncodeRequest(request)));
    }

    [Theory]
    [MemberData(nameof(NsmCborVectors.Responses), MemberType = typeof(NsmCborVectors))]
    public void Responses_encode_byte_for_byte_like_serde_cbor(string name, string hex)
    {
        var response = (NsmResponse)NsmCborVectors.ResponseValue(name);

        Assert.Equal(Hex.Of(Hex.Bytes(hex)), Hex.Of(NsmCbor.EncodeResponse(response)));
    }

    [Fact]
    public void GetRandom_response_uses_a_two_byte_length_for_256_bytes()
    {
        var random = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        var bytes = NsmCbor.EncodeResponse(new GetRandomResponse(random));

        Assert.Equal("a16947657452616e646f6da16672616e646f6d590100", Hex.Of(bytes.AsSpan(0, 22)));
        Assert.Equal(random, bytes[22..]);
    }

    [Fact]
    public void Attestation_response_head_matches_the_spec()
    {
        var document = new byte[4400];
        Hex.Bytes("8444a1013822a059").CopyTo(document, 0);

        var bytes = NsmCbor.EncodeResponse(new AttestationResponse(document));

        Assert.Equal("a16b4174746573746174696f6ea168646f63756d656e74591130" + "8444a1013822a059", Hex.Of(bytes.AsSpan(0, 34)));
    }

    [Theory]
    [InlineData(23, "17")]
    [InlineData(24, "1818")]
    [InlineData(255, "18ff")]
    [InlineData(256, "190100")]
    [InlineData(65535, "19ffff")]
    public void Integers_use_the_shortest_form(ushort index, string encodedIndex)
    {
        var bytes = NsmCbor.EncodeRequest(new DescribePcrRequest(index));

        Assert.Equal("a16b4465736372696265504352a165696e646578" + encodedIndex, Hex.Of(bytes));
    }

    [Fact]
    public void Locked_set_is_written_ascending_without_duplicates()
    {
        var response = new DescribeNsmResponse(1, 0, 0, "m", 32, new ushort[] { 17, 3, 3, 0 }, NsmDigest.Sha384);

        var decoded = (DescribeNsmResponse)NsmCbor.DecodeResponse(NsmCbor.EncodeResponse(response));

        Assert.Equal(new ushort[] { 0, 3, 17 }, decoded.LockedPcrs);
    }

    [Fact]
    public void Encoding_into_a_span_gives_the_same_bytes_and_reports_the_length()
    {
        var request = new ExtendPcrRequest(16, new byte[] { 1, 2, 3 });
        var buffer = new byte[64];

        var length = NsmCbor.EncodeRequest(request, buffer);

        Assert.Equal(NsmCbor.EncodeRequest(request), buffer[..length]);
    }

    [Fact]
    public void Encoding_into_a_too_small_span_throws_an_argument_exception()
    {
        Assert.Throws<ArgumentException>(() => NsmCbor.EncodeRequest(new DescribePcrRequest(1), new byte[4]));
    }
}
