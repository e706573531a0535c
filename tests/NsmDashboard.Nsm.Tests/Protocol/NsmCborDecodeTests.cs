using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Protocol;

public class NsmCborDecodeTests
{
    [Theory]
    [MemberData(nameof(NsmCborVectors.Requests), MemberType = typeof(NsmCborVectors))]
    public void Requests_decode_from_the_spec_vectors(string name, string hex)
    {
        Assert.Equal(NsmCborVectors.RequestValue(name), NsmCbor.DecodeRequest(Hex.Bytes(hex)));
    }

    [Theory]
    [MemberData(nameof(NsmCborVectors.Responses), MemberType = typeof(NsmCborVectors))]
    public void Responses_decode_from_the_spec_vectors(string name, string hex)
    {
        Assert.Equal(NsmCborVectors.ResponseValue(name), NsmCbor.DecodeResponse(Hex.Bytes(hex)));
    }

    [Fact]
    public void Qemu_field_order_and_uint8_encodings_decode_to_the_same_DescribeNsm()
    {
        // QEMU writes digest, max_pcrs, module_id, locked_pcrs, version_* (docs/nsm-messages.md#decoding).
        var hex = "a1 6b44657363726962654e534d a7"
            + "66646967657374 66534841333834"
            + "686d61785f70637273 1820"
            + "696d6f64756c655f6964 6d692d3233342d656e6335363738"
            + "6b6c6f636b65645f70637273 80"
            + "6d76657273696f6e5f6d616a6f72 1801"
            + "6d76657273696f6e5f6d696e6f72 1800"
            + "6d76657273696f6e5f7061746368 1800";

        var decoded = (DescribeNsmResponse)NsmCbor.DecodeResponse(Hex.Bytes(hex));

        Assert.Equal(new DescribeNsmResponse(1, 0, 0, "i-234-enc5678", 32, [], NsmDigest.Sha384), decoded);
    }

    [Theory]
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 1810")]            // uint8
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 190010")]          // uint16
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 1a00000010")]      // uint32
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 1b0000000000000010")] // uint64
    [InlineData("bf 6b4465736372696265504352 bf 65696e646578 10 ff ff")]        // indefinite maps
    [InlineData("a1 7f 6b4465736372 6962655043 52 ff a1 65696e646578 10")]      // chunked text key
    [InlineData("a1 6b4465736372696265504352 a2 63666f6f f5 65696e646578 10")]   // unknown key first
    [InlineData("a1 6b4465736372696265504352 a1 00 10")]                         // field by position
    [InlineData("c0 a1 6b4465736372696265504352 a1 65696e646578 d818 10")]       // tags are skipped
    public void DescribePcr_request_decodes_tolerantly(string hex)
    {
        Assert.Equal(new DescribePcrRequest(16), NsmCbor.DecodeRequest(Hex.Bytes(hex)));
    }

    [Theory]
    [InlineData("a1 69457874656e64504352 a2 6464617461 43 010203 65696e646578 10")] // reordered
    [InlineData("a1 69457874656e64504352 a2 65696e646578 10 6464617461 5f 41 01 42 0203 ff")] // chunked bytes
    [InlineData("a1 69457874656e64504352 a2 65696e646578 10 6464617461 63 010203")] // text, as serde_bytes takes it
    [InlineData("a1 69457874656e64504352 a2 65696e646578 10 6464617461 83 01 02 03")] // array of u8
    public void ExtendPcr_request_decodes_tolerantly(string hex)
    {
        Assert.Equal(new ExtendPcrRequest(16, new byte[] { 1, 2, 3 }), NsmCbor.DecodeRequest(Hex.Bytes(hex)));
    }

    [Theory]
    [InlineData("a1 6b4174746573746174696f6e a0")] // all optionals missing
    [InlineData("a1 6b4174746573746174696f6e a1 656e6f6e6365 f7")] // undefined counts as None
    public void Attestation_request_treats_missing_and_undefined_as_none(string hex)
    {
        Assert.Equal(new AttestationRequest(), NsmCbor.DecodeRequest(Hex.Bytes(hex)));
    }

    [Fact]
    public void Attestation_request_tells_empty_from_null()
    {
        var decoded = (AttestationRequest)NsmCbor.DecodeRequest(Hex.Bytes("a1 6b4174746573746174696f6e a1 69757365725f64617461 40"));

        Assert.True(decoded.UserData.HasValue);
        Assert.Equal(0, decoded.UserData.Value.Length);
        Assert.Null(decoded.Nonce);
    }

    [Theory]
    [InlineData("a1 674c6f636b504352 f6", "LockPCR")] // serde's map form of a unit variant
    [InlineData("a1 654572726f72 a1 6c496e76616c6964496e646578 f6", "Error(InvalidIndex)")]
    public void Unit_variants_also_decode_from_the_map_form(string hex, string name)
    {
        Assert.Equal(NsmCborVectors.ResponseValue(name), NsmCbor.DecodeResponse(Hex.Bytes(hex)));
    }

    [Fact]
    public void Locked_set_decodes_unsorted_with_duplicates_as_a_set()
    {
        var hex = NsmCborVectors.DescribeNsmResponseHex.Replace(
            "6b6c6f636b65645f70637273 90 000102030405060708090a0b0c0d0e0f".Replace(" ", "", StringComparison.Ordinal),
            "6b6c6f636b65645f70637273 9f 11 02 02 00 ff".Replace(" ", "", StringComparison.Ordinal),
            StringComparison.Ordinal);

        var decoded = (DescribeNsmResponse)NsmCbor.DecodeResponse(Hex.Bytes(hex));

        Assert.Equal(new ushort[] { 0, 2, 17 }, decoded.LockedPcrs);
    }

    [Fact]
    public void Every_error_code_round_trips_by_name()
    {
        foreach (var code in Enum.GetValues<NsmErrorCode>())
        {
            var bytes = NsmCbor.EncodeResponse(new ErrorResponse(code));
            Assert.Equal(new ErrorResponse(code), NsmCbor.DecodeResponse(bytes));
        }
    }
}
