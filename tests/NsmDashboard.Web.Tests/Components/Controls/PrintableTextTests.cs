using NsmDashboard.Web.Components.Controls;

namespace NsmDashboard.Web.Tests.Components.Controls;

public sealed class PrintableTextTests
{
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
