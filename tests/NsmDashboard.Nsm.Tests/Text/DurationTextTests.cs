using NsmDashboard.Nsm.Text;

namespace NsmDashboard.Nsm.Tests.Text;

/// <summary>The one duration parser (DurationText), as nsm verify --max-age and nsm-proxy's timeouts read it.</summary>
public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("10m", 600_000)]
    [InlineData("5min", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("2d", 172_800_000)]
    [InlineData("45", 45_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0s", 0)]
    [InlineData("PT5M", 300_000)]
    [InlineData("pt90s", 90_000)]
    [InlineData("P1DT2H", 93_600_000)]
    [InlineData("PT0.25S", 250)]
    [InlineData(" 366d ", 31_622_400_000)]
    public void Units_plain_seconds_and_iso_8601(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("10x")]
    [InlineData("m")]
    [InlineData("-5s")]
    [InlineData("367d")]
    [InlineData("99999999999999999d")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P5M")]
    [InlineData("PT5M1H")]
    [InlineData("P1Y")]
    public void Anything_else_is_refused(string? text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(600_000, "10m")]
    [InlineData(30_000, "30s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(-1, "none")]
    public void Formats_for_log_lines(double milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
