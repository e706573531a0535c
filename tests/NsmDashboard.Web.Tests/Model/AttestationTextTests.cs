using NsmDashboard.Web.Model;

namespace NsmDashboard.Web.Tests.Model;

public sealed class AttestationTextTests
{
    [Theory]
    [InlineData(0.5, "500 ms")]
    [InlineData(42, "42 s")]
    [InlineData(3 * 60 + 5, "3 min 5 s")]
    [InlineData(3 * 3600 + 12 * 60, "3 h 12 min")]
    [InlineData(86400 + 3600, "1 day 1 h")]
    [InlineData(2 * 365.25 * 86400 + 3 * 86400, "2 years 3 days")]
    public void Ages_use_their_two_largest_units(double seconds, string expected) =>
        Assert.Equal(expected, AgeText.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Relative_times_say_ago_or_in()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal("5 s ago", AgeText.Relative(now.AddSeconds(-5), now));
        Assert.Equal("in 5 s", AgeText.Relative(now.AddSeconds(5), now));
    }

    [Theory]
    [InlineData(new byte[] { 0x68, 0x69 }, "hi")]
    [InlineData(new byte[] { 0xc3, 0xa9, 0x0a }, "é\n")]
    public void Printable_UTF8_is_shown_as_text(byte[] bytes, string text)
    {
        Assert.True(PrintableText.TryDecode(bytes, out var decoded));
        Assert.Equal(text, decoded);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xff, 0xfe })]
    [InlineData(new byte[] { 0x68, 0x00 })]
    [InlineData(new byte[] { 0x1b, 0x5b })]
    public void Empty_invalid_or_control_bytes_are_not_text(byte[] bytes) =>
        Assert.False(PrintableText.TryDecode(bytes, out _));
}
