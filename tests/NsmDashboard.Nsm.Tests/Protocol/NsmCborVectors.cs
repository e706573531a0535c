using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Protocol;

/// <summary>The hex vectors of docs/nsm-messages.md#hex-vectors, byte-exact with serde_cbor.</summary>
public static class NsmCborVectors
{
    public const string ZeroPcr = "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    public const string Pcr16ExtendedWith010203 =
        "cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e";

    public const string DescribeNsmResponseHex =
        "a16b44657363726962654e534da76d76657273696f6e5f6d616a6f72016d76657273696f6e5f6d696e6f7200" +
        "6d76657273696f6e5f706174636800696d6f64756c655f69647827692d30306338396631383138303263646566342d" +
        "656e6330313735636430646365653336383636686d61785f7063727318206b6c6f636b65645f706372739000010203" +
        "0405060708090a0b0c0d0e0f6664696765737466534841333834";

    public static TheoryData<string, string> Requests => new()
    {
        { "DescribeNSM", "6b44657363726962654e534d" },
        { "GetRandom", "6947657452616e646f6d" },
        { "DescribePCR{0}", "a1 6b4465736372696265504352 a1 65696e646578 00" },
        { "DescribePCR{16}", "a16b4465736372696265504352a165696e64657810" },
        { "ExtendPCR{16,010203}", "a1 69457874656e64504352 a2 65696e646578 10 6464617461 43 010203" },
        { "LockPCR{16}", "a1674c6f636b504352a165696e64657810" },
        { "LockPCRs{32}", "a1 684c6f636b50435273 a1 6572616e6765 1820" },
        { "Attestation{}", "a1 6b4174746573746174696f6e a3 69757365725f64617461 f6 656e6f6e6365 f6 6a7075626c69635f6b6579 f6" },
        { "Attestation{ud,nonce}", "a16b4174746573746174696f6ea369757365725f646174614401020304656e6f6e636542aabb6a7075626c69635f6b6579f6" },
    };

    public static TheoryData<string, string> Responses => new()
    {
        { "LockPCR", "674c6f636b504352" },
        { "LockPCRs", "684c6f636b50435273" },
        { "Error(InvalidIndex)", "a1 654572726f72 6c496e76616c6964496e646578" },
        { "Error(ReadOnlyIndex)", "a1654572726f726d526561644f6e6c79496e646578" },
        { "DescribePCR{false,0}", "a1 6b4465736372696265504352 a2 646c6f636b f4 6464617461 5830" + ZeroPcr },
        { "ExtendPCR{cb17…}", "a1 69457874656e64504352 a1 6464617461 5830" + Pcr16ExtendedWith010203 },
        { "DescribeNSM", DescribeNsmResponseHex },
    };

    /// <summary>The typed value each named vector stands for.</summary>
    public static object Value(string name) => name switch
    {
        "DescribeNSM" when false => DescribeNsmRequest.Instance,
        "GetRandom" => GetRandomRequest.Instance,
        "DescribePCR{0}" => new DescribePcrRequest(0),
        "DescribePCR{16}" => new DescribePcrRequest(16),
        "ExtendPCR{16,010203}" => new ExtendPcrRequest(16, new byte[] { 1, 2, 3 }),
        "LockPCR{16}" => new LockPcrRequest(16),
        "LockPCRs{32}" => new LockPcrsRequest(32),
        "Attestation{}" => new AttestationRequest(),
        "Attestation{ud,nonce}" => new AttestationRequest(new byte[] { 1, 2, 3, 4 }, new byte[] { 0xaa, 0xbb }),
        "LockPCR" => LockPcrResponse.Instance,
        "LockPCRs" => LockPcrsResponse.Instance,
        "Error(InvalidIndex)" => new ErrorResponse(NsmErrorCode.InvalidIndex),
        "Error(ReadOnlyIndex)" => new ErrorResponse(NsmErrorCode.ReadOnlyIndex),
        "DescribePCR{false,0}" => new DescribePcrResponse(false, new byte[48]),
        "ExtendPCR{cb17…}" => new ExtendPcrResponse(Hex.Bytes(Pcr16ExtendedWith010203)),
        _ => throw new ArgumentException($"no vector named {name}", nameof(name)),
    };

    public static object RequestValue(string name) => name == "DescribeNSM" ? DescribeNsmRequest.Instance : Value(name);

    public static object ResponseValue(string name) => name == "DescribeNSM"
        ? new DescribeNsmResponse(1, 0, 0, "i-00c89f181802cdef4-enc0175cd0dcee36866", 32,
            Enumerable.Range(0, 16).Select(i => (ushort)i).ToArray(), NsmDigest.Sha384)
        : Value(name);
}
