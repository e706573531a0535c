using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;
using static NsmDashboard.Nsm.Tests.Emulator.EmulatorTestKit;

namespace NsmDashboard.Nsm.Tests.Emulator;

/// <summary>DescribeNSM, GetRandom, garbage, size limits and the driver's copy rule (docs/emulator.md).</summary>
public class NsmEmulatorRequestTests
{
    [Fact]
    public void DescribeNsm_answers_the_spec_bytes_for_the_real_like_module()
    {
        using var emulator = Create();

        // docs/nsm-messages.md#hex-vectors "DescribeNSM response (the real module above)".
        Assert.Equal(
            "a16b44657363726962654e534da76d76657273696f6e5f6d616a6f72016d76657273696f6e5f6d696e6f7200"
            + "6d76657273696f6e5f706174636800696d6f64756c655f69647827692d30306338396631383138303263646566342d"
            + "656e6330313735636430646365653336383636686d61785f7063727318206b6c6f636b65645f706372739000010203"
            + "0405060708090a0b0c0d0e0f6664696765737466534841333834",
            ExchangeHex(emulator, "6b44657363726962654e534d"));
    }

    [Fact]
    public void DescribeNsm_lists_pcrs_locked_later_in_ascending_order()
    {
        using var emulator = Create();
        Send(emulator, new LockPcrRequest(29));
        Send(emulator, new LockPcrRequest(17));

        var described = Assert.IsType<DescribeNsmResponse>(Send(emulator, DescribeNsmRequest.Instance));

        Assert.Equal([.. Enumerable.Range(0, 16).Select(i => (ushort)i), (ushort)17, (ushort)29], described.LockedPcrs);
    }

    [Fact]
    public void GetRandom_answers_256_fresh_bytes_with_the_spec_head()
    {
        using var emulator = Create();

        var first = ExchangeHex(emulator, "6947657452616e646f6d");
        var second = ExchangeHex(emulator, "6947657452616e646f6d");

        // docs/nsm-messages.md#hex-vectors GetRandom response (head): a1 "GetRandom" a1 "random" 59 0100 <256 bytes>.
        const string head = "a16947657452616e646f6da16672616e646f6d590100";
        Assert.StartsWith(head, first, StringComparison.Ordinal);
        Assert.Equal(head.Length + 512, first.Length);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("ff")]                                                           // not CBOR
    [InlineData("6b44657363726962654e53")]                                       // truncated text
    [InlineData("63466f6f")]                                                     // "Foo": unknown unit variant
    [InlineData("a1 63466f6f a0")]                                               // {"Foo":{}}: unknown struct variant
    [InlineData("a1 6b4465736372696265504352 a0")]                               // DescribePCR without index
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 6131")]            // index as text
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 1a00010000")]      // index over u16
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 10 00")]           // trailing byte
    [InlineData("a1 6b4174746573746174696f6e a3 69757365725f64617461 01 656e6f6e6365 f6 6a7075626c69635f6b6579 f6")] // user_data: int
    public void Garbage_and_unknown_requests_answer_InvalidOperation(string requestHex)
    {
        using var emulator = Create();

        Assert.Equal(Compact(InvalidOperation), ExchangeHex(emulator, requestHex));
    }

    [Fact]
    public void Unknown_unit_variant_answers_exactly_InvalidOperation()
    {
        using var emulator = Create();

        Assert.Equal(Compact(InvalidOperation), ExchangeHex(emulator, "6a4e6f7441436f6d6d616e64")); // "NotACommand"
    }

    [Fact]
    public void Request_over_4096_bytes_is_refused_before_the_device_like_the_device_transport()
    {
        using var emulator = Create();
        var request = new byte[NsmLimits.RequestMaxSize + 1];

        var error = Assert.Throws<NsmDeviceException>(() => emulator.Exchange(request, new byte[NsmLimits.ResponseMaxSize]));

        Assert.Equal(0, error.Errno); // refused before any system call, as LinuxNsmTransport does
        Assert.Equal(NsmErrorCode.InputTooLarge, error.ErrorCode);
        Assert.Equal("ioctl", error.Operation);
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_request_is_refused_before_the_device_like_the_device_transport()
    {
        using var emulator = Create();

        var error = Assert.Throws<NsmDeviceException>(() => emulator.Exchange([], new byte[NsmLimits.ResponseMaxSize]));

        Assert.Equal(NsmErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Equal(0, error.Errno);
    }

    [Fact]
    public void Request_of_exactly_4096_bytes_reaches_the_device()
    {
        using var emulator = Create();
        var framing = NsmCbor.EncodeRequest(new ExtendPcrRequest(16, new byte[4000])).Length - 4000;
        var request = NsmCbor.EncodeRequest(new ExtendPcrRequest(16, new byte[NsmLimits.RequestMaxSize - framing]));
        Assert.Equal(NsmLimits.RequestMaxSize, request.Length);

        var response = NsmCbor.DecodeResponse(Exchange(emulator, request));

        Assert.IsType<ExtendPcrResponse>(response);
    }

    [Fact]
    public void A_small_response_buffer_gets_the_head_of_the_answer_like_the_6_8_driver()
    {
        using var emulator = Create();
        var request = Hex.Bytes("a16b4465736372696265504352a165696e64657810");
        var full = Exchange(emulator, request);
        var small = new byte[10];

        var written = emulator.Exchange(request, small);

        // response.len = min(capacity, device length); the cut is silent (docs/nsm-ioctl.md#driver-steps step 6).
        Assert.Equal(10, written);
        Assert.Equal(full[..10], small);
    }

    [Theory]
    [InlineData(1025, 0, 0)]
    [InlineData(0, 1025, 0)]
    [InlineData(0, 0, 1025)]
    public void Attestation_field_over_1024_bytes_is_InputTooLarge(int userData, int nonce, int publicKey)
    {
        using var emulator = Create();
        var request = new AttestationRequest(
            userData > 0 ? new byte[userData] : null,
            nonce > 0 ? new byte[nonce] : null,
            publicKey > 0 ? new byte[publicKey] : null);

        Assert.Equal(Compact(InputTooLarge), SendHex(emulator, request));
    }

    [Fact]
    public void Attestation_fields_of_1024_bytes_each_are_accepted_as_nsm_check_sends_them()
    {
        using var emulator = Create();
        var request = new AttestationRequest(new byte[1024], new byte[1024], new byte[1024]);
        Assert.True(NsmCbor.EncodeRequest(request).Length <= NsmLimits.RequestMaxSize);

        Assert.IsType<AttestationResponse>(Send(emulator, request));
    }

    [Fact]
    public void Transport_identity_says_emulator_and_module()
    {
        using var emulator = Create(o => o.DebugMode = true);

        Assert.Equal(NsmTransportKind.Emulator, emulator.Kind);
        Assert.Contains(ModuleId, emulator.Description, StringComparison.Ordinal);
        Assert.Contains("debug", emulator.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Exchange_after_dispose_throws_ObjectDisposedException()
    {
        var emulator = Create();
        emulator.Dispose();
        emulator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => emulator.Exchange(Hex.Bytes("6947657452616e646f6d"), new byte[NsmLimits.ResponseMaxSize]));
    }
}
