namespace NsmDashboard.Cli.Tests;

/// <summary>
/// <c>nsm --emulator raw</c> fed the requests of docs/nsm-messages.md#hex-vectors and hand-made variants; the output is
/// compared byte for byte with the spec (and, where the spec gives no bytes, with the rules of docs/pcrs.md).
/// </summary>
public sealed class RawCommandTests
{
    // Requests (docs/nsm-messages.md#hex-vectors).
    private const string DescribeNsm = "6b44657363726962654e534d";
    private const string GetRandom = "6947657452616e646f6d";
    private const string DescribePcr0 = "a1 6b4465736372696265504352 a1 65696e646578 00";
    private const string DescribePcr16 = "a16b4465736372696265504352a165696e64657810";
    private const string ExtendPcr16 = "a1 69457874656e64504352 a2 65696e646578 10 6464617461 43 010203";
    private const string LockPcr16 = "a1674c6f636b504352a165696e64657810";
    private const string LockPcrs32 = "a1 684c6f636b50435273 a1 6572616e6765 1820";
    private const string AttestationNone = "a1 6b4174746573746174696f6e a3 69757365725f64617461 f6 656e6f6e6365 f6 6a7075626c69635f6b6579 f6";
    private const string AttestationUserDataNonce = "a16b4174746573746174696f6ea369757365725f646174614401020304656e6f6e636542aabb6a7075626c69635f6b6579f6";

    // Responses (docs/nsm-messages.md#hex-vectors).
    private const string LockPcrResponse = "674c6f636b504352";
    private const string LockPcrsResponse = "684c6f636b50435273";
    private const string InvalidIndex = "a1 654572726f72 6c496e76616c6964496e646578";
    private const string ReadOnlyIndex = "a1654572726f726d526561644f6e6c79496e646578";
    private const string InvalidOperation = "a1 654572726f72 70 496e76616c69644f7065726174696f6e";
    private const string ExtendedPcr16 = "cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e";
    private const string DescribeNsmResponse =
        "a16b44657363726962654e534da76d76657273696f6e5f6d616a6f72016d76657273696f6e5f6d696e6f7200"
        + "6d76657273696f6e5f706174636800696d6f64756c655f69647827692d30306338396631383138303263646566342d"
        + "656e6330313735636430646365653336383636686d61785f7063727318206b6c6f636b65645f706372739000010203"
        + "0405060708090a0b0c0d0e0f6664696765737466534841333834";

    private static readonly string DescribePcrZeroUnlocked =
        Hex.Compact("a1 6b4465736372696265504352 a2 646c6f636b f4 6464617461 5830") + Hex.Zeros(48);

    public static TheoryData<string, string, string> SpecVectors => new()
    {
        { "DescribeNSM", DescribeNsm, DescribeNsmResponse },
        { "DescribePCR{16}", DescribePcr16, DescribePcrZeroUnlocked },
        { "ExtendPCR{16, 010203}", ExtendPcr16, "a1 69457874656e64504352 a1 6464617461 5830 " + ExtendedPcr16 },
        { "LockPCR{16}", LockPcr16, LockPcrResponse },
        { "LockPCRs{32}", LockPcrs32, LockPcrsResponse },
        { "DescribePCR{32}", "a16b4465736372696265504352a165696e6465781820", InvalidIndex },
        { "ExtendPCR{0} (locked at boot)", "a1 69457874656e64504352 a2 65696e646578 00 6464617461 43 010203", ReadOnlyIndex },
        { "LockPCR{0} (locked at boot)", "a1674c6f636b504352a165696e64657800", ReadOnlyIndex },
    };

    [Theory]
    [MemberData(nameof(SpecVectors))]
    public void Each_spec_request_gets_the_spec_response_byte_for_byte(string name, string request, string response)
    {
        var result = Cli.Emulator("raw", Hex.Compact(request));

        Assert.True(result.ExitCode == 0, $"{name}: {result}");
        Assert.Equal(Hex.Compact(response) + "\n", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
    }

    public static TheoryData<string, string, string> Variants => new()
    {
        // Garbage and unknown variants: {"Error":"InvalidOperation"} (docs/emulator.md#garbage-requests).
        { "not CBOR (break byte)", "ff", InvalidOperation },
        { "an integer", "00", InvalidOperation },
        { "truncated DescribePCR", "a16b4465736372696265504352a165696e646578", InvalidOperation },
        { "trailing byte", DescribeNsm + "00", InvalidOperation },
        { "unknown unit variant \"Foo\"", "63466f6f", InvalidOperation },
        { "unknown struct variant {\"Foo\": {}}", "a163466f6fa0", InvalidOperation },
        { "DescribeNSM in the wrong case", "6b64657363726962654e534d", InvalidOperation },
        { "DescribePCR without index", "a16b4465736372696265504352a0", InvalidOperation },
        { "DescribePCR index as text", "a16b4465736372696265504352a165696e6465786131", InvalidOperation },

        // Index 32 and beyond: InvalidIndex (docs/pcrs.md#errors).
        { "ExtendPCR{32}", "a169457874656e64504352a265696e646578182064646174614101", InvalidIndex },
        { "LockPCR{32}", "a1674c6f636b504352a165696e6465781820", InvalidIndex },
        { "LockPCRs{33}", "a1684c6f636b50435273a16572616e6765 1821", InvalidIndex },
        { "DescribePCR{65535}", "a16b4465736372696265504352a165696e64657819ffff", InvalidIndex },

        // Tolerant decoding like serde (docs/nsm-messages.md#decoding): wide integers, indefinite maps, any key order, unknown keys.
        { "DescribePCR{16} index as 2-byte int", "a16b4465736372696265504352a165696e646578190010", DescribePcrZeroUnlocked },
        { "DescribePCR{16} index as 8-byte int", "a16b4465736372696265504352a165696e6465781b0000000000000010", DescribePcrZeroUnlocked },
        { "DescribePCR{16} indefinite maps", "bf6b4465736372696265504352bf65696e64657810ffff", DescribePcrZeroUnlocked },
        { "DescribePCR{16} unknown key", "a16b4465736372696265504352a263666f6f0165696e64657810", DescribePcrZeroUnlocked },
        { "ExtendPCR{16} keys reversed", "a169457874656e64504352a2646461746143010203 65696e64657810", "a169457874656e64504352a16464617461 5830" + ExtendedPcr16 },

        // LockPCRs accepts any range up to 32, even over locked PCRs; 0 is a no-op (docs/pcrs.md#errors).
        { "LockPCRs{16}", "a1684c6f636b50435273a16572616e676510", LockPcrsResponse },
        { "LockPCRs{0}", "a1684c6f636b50435273a16572616e676500", LockPcrsResponse },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Hand_made_variants_get_the_emulator_semantics(string name, string request, string response)
    {
        var result = Cli.Emulator("raw", Hex.Compact(request));

        Assert.True(result.ExitCode == 0, $"{name}: {result}");
        Assert.Equal(Hex.Compact(response) + "\n", result.Stdout);
    }

    [Fact]
    public void Describe_pcr0_answers_the_measured_value_locked()
    {
        var result = Cli.Emulator("--debug-mode", "raw", Hex.Compact(DescribePcr0));

        // Debug mode: PCR0 reads as zeros (docs/pcrs.md#debug-mode), and it is locked from boot.
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Hex.Compact("a1 6b4465736372696265504352 a2 646c6f636b f5 6464617461 5830") + Hex.Zeros(48) + "\n", result.Stdout);
    }

    [Fact]
    public void Get_random_answers_256_bytes_with_the_spec_head()
    {
        var result = Cli.Emulator("raw", GetRandom, GetRandom);

        Assert.Equal(0, result.ExitCode);
        var head = Hex.Compact("a1 6947657452616e646f6d a1 6672616e646f6d 59 0100");
        Assert.Equal(2, result.Lines.Length);
        Assert.All(result.Lines, line =>
        {
            Assert.StartsWith(head, line, StringComparison.Ordinal);
            Assert.Equal(head.Length + 512, line.Length);
        });
        Assert.NotEqual(result.Lines[0], result.Lines[1]);
    }

    [Theory]
    [InlineData(AttestationNone)]
    [InlineData(AttestationUserDataNonce)]
    public void Attestation_answers_a_document_with_the_real_framing(string request)
    {
        var result = Cli.Emulator("raw", Hex.Compact(request));

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Lines);

        // a1 "Attestation" a1 "document" 59 LLLL 8444a1013822a0… (docs/nsm-messages.md#hex-vectors, docs/attestation-document.md#cose-sign1).
        var head = Hex.Compact("a1 6b4174746573746174696f6e a1 68646f63756d656e74 59");
        Assert.StartsWith(head, line, StringComparison.Ordinal);
        var length = Convert.ToInt32(line.Substring(head.Length, 4), 16);
        Assert.Equal(head.Length + 4 + (2 * length), line.Length);
        Assert.StartsWith("8444a1013822a059", line[(head.Length + 4)..], StringComparison.Ordinal);
    }

    [Fact]
    public void All_requests_go_to_one_emulator_instance()
    {
        // Extend twice, lock, extend again: the state must carry from one request to the next.
        var result = Cli.Emulator("raw", Hex.Compact(ExtendPcr16), Hex.Compact(ExtendPcr16), LockPcr16, Hex.Compact(ExtendPcr16), DescribePcr16);

        Assert.Equal(0, result.ExitCode);
        var first = Hex.Bytes(ExtendedPcr16);
        var second = Hex.Extend(first, [1, 2, 3]);
        Assert.Equal(
            [
                Hex.Compact("a169457874656e64504352a16464617461 5830") + ExtendedPcr16,
                Hex.Compact("a169457874656e64504352a16464617461 5830") + Hex.Of(second),
                LockPcrResponse,
                Hex.Compact(ReadOnlyIndex),
                Hex.Compact("a1 6b4465736372696265504352 a2 646c6f636b f5 6464617461 5830") + Hex.Of(second),
            ],
            result.Lines);
    }

    [Fact]
    public void Standard_input_skips_blank_lines_and_comments()
    {
        var script = $"""
            # DescribePCR{"{"}16{"}"}, spaced as in the spec
            {DescribePcr16}

               # indented comment
            {ExtendPcr16}   # ExtendPCR with a trailing comment

            {LockPcr16}
            """;

        var result = Cli.EmulatorWithInput(script, "raw");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [DescribePcrZeroUnlocked, Hex.Compact("a169457874656e64504352a16464617461 5830") + ExtendedPcr16, LockPcrResponse],
            result.Lines);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void Standard_input_works_through_the_text_only_entry_point()
    {
        var result = Cli.RunText(DescribeNsm + "\n\n# done\n", "--emulator", "--module-id", Cli.ModuleId, "raw");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(DescribeNsmResponse + "\n", result.Stdout);
    }

    [Fact]
    public void An_empty_request_is_refused_before_the_driver_and_exits_3()
    {
        // The transports refuse it: the driver would pass a zero-length request to the device.
        var result = Cli.Emulator("raw", GetRandom, string.Empty);

        Assert.Equal(3, result.ExitCode);
        Assert.Single(result.Lines);
        Assert.Contains("argument 2", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("empty request", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("errno 0", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6b4465zz", "'z' at position 7")]
    [InlineData("6b4", "odd number of hex digits")]
    public void Bad_hex_is_a_usage_error_and_nothing_is_sent(string bad, string message)
    {
        var result = Cli.Emulator("raw", GetRandom, bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("argument 2", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_hex_on_standard_input_names_the_line()
    {
        var result = Cli.EmulatorWithInput($"{GetRandom}\n# fine\nnot-hex\n", "raw");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("standard input line 3", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_the_driver_refuses_exits_3_with_the_errno_after_the_earlier_answers()
    {
        // 4097 bytes: over NSM_REQUEST_MAX_SIZE, refused with EMSGSIZE before the module sees it (docs/nsm-ioctl.md#driver-steps step 4).
        var oversized = "5a00001000" + new string('0', 4092 * 2);
        Assert.Equal(4097, oversized.Length / 2);

        var result = Cli.Emulator("raw", LockPcr16, oversized, LockPcr16);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(LockPcrResponse + "\n", result.Stdout);
        Assert.Contains("argument 2", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("EMSGSIZE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_of_exactly_4096_bytes_reaches_the_module()
    {
        // ExtendPCR{16} with data filling the request to the limit: the NSM answers (with the new value).
        var framing = Hex.Compact("a1 69457874656e64504352 a2 65696e646578 10 6464617461 59 0fe5");
        var data = new string('a', 0xfe5 * 2);
        var request = framing + data;
        Assert.Equal(4096, request.Length / 2);

        var result = Cli.Emulator("raw", request);

        Assert.Equal(0, result.ExitCode);
        var expected = Hex.Extend(new byte[48], Hex.Bytes(data));
        Assert.Equal(Hex.Compact("a169457874656e64504352a16464617461 5830") + Hex.Of(expected) + "\n", result.Stdout);
    }
}
