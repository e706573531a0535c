using System.Text;
using NsmDashboard.Evidence.Canonical;

namespace NsmDashboard.Evidence.Tests;

/// <summary>RFC 8785 (JCS) for the values a trail holds, with the RFC's own examples.</summary>
public sealed class CanonicalJsonTests
{
    [Fact]
    public void The_RFC_8785_section_3_2_4_example_without_its_fractional_numbers_canonicalises_as_the_RFC_shows()
    {
        var input = """
            {
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        var canonical = Canonical(input);

        Assert.Equal("""{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}""", canonical);
    }

    [Fact]
    public void Members_sort_by_UTF16_code_units_as_in_RFC_8785_section_3_2_3()
    {
        var input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var names = EvidenceJson.ParseObject(Encoding.UTF8.GetBytes(input)).Members.Select(m => m.Key);

        Assert.Equal(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"], names);
        Assert.StartsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"", Canonical(input), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\\u0000\\u001f\\u007f\"", "22 5c7530303030 5c7530303166 7f 22")]
    [InlineData("\"\\b\\t\\n\\f\\r\"", "22 5c62 5c74 5c6e 5c66 5c72 22")]
    [InlineData("\"\\u2028/<>&'\"", "22 e280a8 2f 3c 3e 26 27 22")]
    [InlineData("\"\\u00e9\"", "22 c3a9 22")]
    [InlineData("\"\\ud83d\\ude00\"", "22 f09f9880 22")]
    [InlineData("9007199254740991", "39303037313939323534373430393931")]
    [InlineData("-9007199254740991", "2d39303037313939323534373430393931")]
    [InlineData("-0", "30")]
    [InlineData("[ 1 , { } , [ ] ]", "5b 31 2c 7b7d 2c 5b5d 5d")]
    public void Values_have_exactly_these_canonical_bytes(string json, string hex)
    {
        var value = EvidenceJson.ParseObject(Encoding.UTF8.GetBytes("{\"v\":" + json + "}"));

        var bytes = CanonicalJson.Serialize(value.Members[0].Value);

        Assert.Equal(hex.Replace(" ", string.Empty, StringComparison.Ordinal), Convert.ToHexStringLower(bytes));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}", "appears twice")]
    [InlineData("{\"a\":1.5}", "not an integer")]
    [InlineData("{\"a\":1e3}", "not an integer")]
    [InlineData("{\"a\":1.0}", "not an integer")]
    [InlineData("{\"a\":9007199254740992}", "beyond")]
    [InlineData("{\"a\":-9007199254740992}", "beyond")]
    [InlineData("{\"a\":\"\\ud800\"}", "Unicode")]
    [InlineData("{\"\\udc00\":1}", "Unicode")]
    [InlineData("{\"a\":1} {}", "not valid JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("{\"a\":1,}", "not valid JSON")]
    [InlineData("{\"a\":1 /* c */}", "not valid JSON")]
    [InlineData("{\"a\":[[[[[[[[1]]]]]]]]}", "not valid JSON")]
    [InlineData("", "empty")]
    [InlineData("{\"a\":\"\u00ff\"", "not valid JSON")]
    public void Lines_that_are_not_strict_trail_JSON_are_refused_with_the_reason(string json, string reason)
    {
        var e = Assert.Throws<EvidenceFormatException>(() => EvidenceJson.ParseObject(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_UTF8_is_refused()
    {
        byte[] line = [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Throws<EvidenceFormatException>(() => EvidenceJson.ParseObject(line));
    }

    [Fact]
    public void The_builder_refuses_duplicate_names_lone_surrogates_and_numbers_beyond_2_to_the_53()
    {
        Assert.Throws<ArgumentException>(() => new EvidenceObjectBuilder().Add("a", 1).Add("a", 2).Build());
        Assert.Throws<ArgumentException>(() => EvidenceValue.Of("\ud800"));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvidenceValue.Of(EvidenceValue.MaxInteger + 1));
    }

    [Fact]
    public void Leaving_out_members_writes_the_rest_canonically()
    {
        var value = EvidenceJson.ParseObject("""{"z":1,"hash":"x","data":"00","a":[true]}"""u8);

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        CanonicalJson.WriteWithout(buffer, value, ["hash", "data"]);

        Assert.Equal("""{"a":[true],"z":1}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static string Canonical(string json) =>
        Encoding.UTF8.GetString(CanonicalJson.Serialize(EvidenceJson.ParseObject(Encoding.UTF8.GetBytes(json))));
}
