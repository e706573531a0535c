using NsmDashboard.Web.Components.Controls;

namespace NsmDashboard.Web.Tests.Components.Controls;

public sealed class HexTextTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("00", "00")]
    [InlineData("0xA1b2", "a1b2")]
    [InlineData(" de ad\nbe:ef ", "deadbeef")]
    [InlineData("0X00ff", "00ff")]
    public void Parses_hex_with_separators_and_prefix(string text, string expected)
    {
        Assert.True(HexText.TryParse(text, out var bytes, out var error));
        Assert.Null(error);
        Assert.Equal(expected, Convert.ToHexStringLower(bytes));
    }

    [Theory]
    [InlineData("0g", "'g' at position 2 is not a hex digit (0-9, a-f).")]
    [InlineData("12 3", "3 hex digits is an odd number: every byte takes two digits.")]
    [InlineData("0x", null)]
    [InlineData("ab-cd", "'-' at position 3 is not a hex digit (0-9, a-f).")]
    public void Explains_what_is_wrong(string text, string? expected)
    {
        var ok = HexText.TryParse(text, out var bytes, out var error);
        Assert.Equal(expected is null, ok);
        Assert.Equal(expected, error);
        if (!ok)
        {
            Assert.Empty(bytes);
        }
    }

    [Theory]
    [InlineData("0123456789", 4, 2, "0123…89")]
    [InlineData("0123456789abcdef", 4, 2, "0123…ef")]
    [InlineData("0123456", 4, 3, "0123456")]
    [InlineData("0123456", 4, 2, "0123456")]
    public void Abbreviates_only_what_is_long(string value, int head, int tail, string expected) =>
        Assert.Equal(expected, HexText.Abbreviate(value, head, tail));
}
