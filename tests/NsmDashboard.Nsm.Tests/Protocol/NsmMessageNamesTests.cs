using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Protocol;

/// <summary>Labels read from the spec's own hex examples (docs/nsm-messages.md#hex-vectors).</summary>
public sealed class NsmMessageNamesTests
{
    [Theory]
    [InlineData("6b44657363726962654e534d", "DescribeNSM")]
    [InlineData("6947657452616e646f6d", "GetRandom")]
    [InlineData("a16b4465736372696265504352a165696e64657810", "DescribePCR")]
    [InlineData("a169457874656e64504352a265696e646578106464617461430102" + "03", "ExtendPCR")]
    [InlineData("a1674c6f636b504352a165696e64657810", "LockPCR")]
    [InlineData("a1684c6f636b50435273a16572616e67651820", "LockPCRs")]
    [InlineData("a16b4174746573746174696f6ea369757365725f64617461f6656e6f6e6365f66a7075626c69635f6b6579f6", "Attestation")]
    [InlineData("6b44657363726962654e53", "other")]
    [InlineData("a16b4465736372696265505858a0", "other")]
    [InlineData("", "other")]
    [InlineData("ff", "other")]
    [InlineData("a1", "other")]
    public void The_operation_is_the_request_variant(string hex, string expected) =>
        Assert.Equal(expected, NsmMessageNames.Operation(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("a1654572726f726c496e76616c6964496e646578", "InvalidIndex")]
    [InlineData("a1654572726f726d526561644f6e6c79496e646578", "ReadOnlyIndex")]
    [InlineData("a1654572726f726d496e707574546f6f4c61726765", "InputTooLarge")]
    [InlineData("a1654572726f7263466f6f", "UnknownError")]
    [InlineData("a1654572726f72", "UnknownError")]
    [InlineData("674c6f636b504352", "ok")]
    [InlineData("a16b4465736372696265504352a2646c6f636bf4", "ok")]
    [InlineData("", "ok")]
    public void The_result_is_ok_or_the_ErrorCode(string hex, string expected) =>
        Assert.Equal(expected, NsmMessageNames.Result(Convert.FromHexString(hex)));
}
