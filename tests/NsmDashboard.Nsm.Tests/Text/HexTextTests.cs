using NsmDashboard.Nsm.Text;

namespace NsmDashboard.Nsm.Tests.Text;

/// <summary>The one hex parser (HexText): what the CLI, the API and the pages all accept, and how they say what is wrong.</summary>
public sealed class HexTextTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("00", "00")]
    [InlineData("0xA1b2", "a1b2")]
    [InlineData(" de ad\nbe:ef ", "deadbeef")]
    [InlineData("0X00ff", "00ff")]
    [InlineData("  a1 6b44 65\t73 ", "a16b446573")]
    public void Parses_hex_with_separators_and_prefix(string text, string expected)
    {
        Assert.True(HexText.TryParse(text, out var bytes, out var error));
        Assert.Null(error);
        Assert.Equal(expected, Convert.ToHexStringLower(bytes));
    }

    [Theory]
    [InlineData("0g", "'g' at position 2 is not a hex digit (0-9, a-f)")]
    [InlineData("12 3", "odd number of hex digits (3): every byte takes two digits")]
    [InlineData("0x", null)]
    [InlineData("0x0x", "'x' at position 4 is not a hex digit (0-9, a-f)")]
    [InlineData(" 0xab-cd", "'-' at position 6 is not a hex digit (0-9, a-f)")]
    [InlineData("ab\u0001", "'\\u0001' at position 3 is not a hex digit (0-9, a-f)")]
    public void Explains_what_is_wrong(string text, string? expected)
    {
        var ok = HexText.TryParse(text, out var bytes, out var error);
        Assert.Equal(expected is null, ok);
        Assert.Equal(expected, error?.Message);
        if (!ok)
        {
            Assert.Empty(bytes);
        }
    }

    [Fact]
    public void Parse_throws_a_typed_error_naming_the_kind_and_position()
    {
        var e = Assert.Throws<HexTextException>(() => HexText.Parse("00zz"));

        Assert.Equal(HexTextErrorKind.NotAHexDigit, e.Error.Kind);
        Assert.Equal(3, e.Error.Position);
        Assert.Equal('z', e.Error.Character);
        Assert.Equal(HexTextErrorKind.OddDigitCount, Assert.Throws<HexTextException>(() => HexText.Parse("abc")).Error.Kind);
    }

    [Theory]
    [InlineData("0123456789", 4, 2, "0123…89")]
    [InlineData("0123456789abcdef", 4, 2, "0123…ef")]
    [InlineData("0123456", 4, 3, "0123456")]
    [InlineData("0123456", 4, 2, "0123456")]
    public void Abbreviates_only_what_is_long(string value, int head, int tail, string expected) =>
        Assert.Equal(expected, HexText.Abbreviate(value, head, tail));
}
