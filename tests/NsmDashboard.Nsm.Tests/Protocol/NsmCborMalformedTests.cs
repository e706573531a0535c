using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Protocol;

/// <summary>Everything that is not a valid message gives an <see cref="NsmProtocolException"/> that says what and where.</summary>
public class NsmCborMalformedTests
{
    [Theory]
    [InlineData("", "malformed", 0)]
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578", "malformed", 20)]                  // truncated before the value
    [InlineData("a1 6b4465736372696265504352 a1 65696e6465", "malformed", 14)]                   // truncated inside a key
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 10 00", "trailing", 21)]             // one byte too many
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 20", "unsigned integer", 20)]        // negative index
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 1a00010000", "16 bits", 25)]         // 65536
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 f93c00", "unsigned integer", 20)]    // a float
    [InlineData("a1 6b4465736372696265504352 a1 65696e646578 6130", "unsigned integer", 20)]      // text "0"
    [InlineData("a1 6b4465736372696265504352 a0", "missing field \"index\"", 14)]
    [InlineData("a1 6b4465736372696265504352 a2 65696e646578 10 00 11", "duplicate field", 22)]   // index by name and position
    [InlineData("6b4465736372696265504352", "bare variant name", 12)]                            // struct variant as text
    [InlineData("a1 6b4465736372696265504352 10", "expected a map", 13)]
    [InlineData("a2 6b4465736372696265504352 a0 6b4465736372696265504352 a0", "exactly one entry", 1)]
    [InlineData("a0", "exactly one entry", 1)]
    [InlineData("6b476574506f7461746f6573", "unknown request variant \"GetPotatoes\"", 12)]
    [InlineData("80", "expected a variant name", 0)]
    [InlineData("a1 69457874656e64504352 a1 65696e646578 10", "missing field \"data\"", 19)]
    [InlineData("a1 69457874656e64504352 a2 65696e646578 10 6464617461 10", "byte string", 24)]
    [InlineData("a1 6b4174746573746174696f6e a1 656e6f6e6365 f5", "byte string", 20)]
    [InlineData("a1 6b4174746573746174696f6e a2 656e6f6e6365 f6 656e6f6e6365 f6", "duplicate field", 27)]   // the same field twice
    [InlineData("ff", "malformed", 0)]
    [InlineData("1c", "expected a variant name", 0)]                                              // reserved additional info
    public void Bad_requests_give_a_protocol_error_naming_the_problem_and_offset(string hex, string expected, int offset)
    {
        var e = Assert.Throws<NsmProtocolException>(() => NsmCbor.DecodeRequest(Hex.Bytes(hex)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(offset, e.Offset);
        Assert.Equal(NsmErrorCode.InvalidResponse, e.ErrorCode);
    }

    [Theory]
    [InlineData("a1 654572726f72 6a4e6f74416e4572726f72", "unknown error code")]
    [InlineData("a1 654572726f72 6133", "unknown error code")] // numeric names are not codes
    [InlineData("654572726f72", "bare variant name")]
    [InlineData("a1 6b4465736372696265504352 a2 646c6f636b 01 6464617461 40", "boolean")]
    [InlineData("a1 6b4465736372696265504352 a1 646c6f636b f4", "missing field \"data\"")]
    [InlineData("a1 674c6f636b504352 a0", "takes no fields")]
    [InlineData("a1 6b44657363726962654e534d a0", "missing field \"version_major\"")]
    [InlineData("a1 6b44657363726962654e534d a1 66646967657374 664d4435353535", "unknown digest")]
    [InlineData("a1 6b44657363726962654e534d a1 6b6c6f636b65645f70637273 a0", "expected an array")]
    [InlineData("a1 6b44657363726962654e534d a1 6b6c6f636b65645f70637273 81 20", "locked_pcrs[0]")]
    [InlineData("a1 6b44657363726962654e534d a1 696d6f64756c655f6964 62 c328", "not valid UTF-8")] // invalid UTF-8
    [InlineData("a1 6947657452616e646f6d a1 6672616e646f6d 59 0100 00", "malformed")]  // 256 announced, 1 sent
    public void Bad_responses_give_a_protocol_error(string hex, string expected)
    {
        var e = Assert.Throws<NsmProtocolException>(() => NsmCbor.DecodeResponse(Hex.Bytes(hex)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_escape_as_anything_but_a_protocol_error()
    {
        var random = new Random(20261127);
        var seeds = NsmCborVectors.Responses.Concat(NsmCborVectors.Requests).Select(row => Hex.Bytes(row.Data.Item2)).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = seeds[i % seeds.Length].ToArray();
            Mutate(random, ref bytes);
            try
            {
                NsmCbor.DecodeResponse(bytes);
                NsmCbor.DecodeRequest(bytes);
            }
            catch (NsmProtocolException)
            {
            }
        }
    }

    private static void Mutate(Random random, ref byte[] bytes)
    {
        switch (random.Next(3))
        {
            case 0 when bytes.Length > 0:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when bytes.Length > 0:
                bytes = bytes[..random.Next(bytes.Length)];
                break;
            default:
                var insert = new byte[random.Next(1, 4)];
                random.NextBytes(insert);
                var at = random.Next(bytes.Length + 1);
                bytes = [.. bytes[..at], .. insert, .. bytes[at..]];
                break;
        }
    }
}
