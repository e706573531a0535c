using NsmDashboard.Web.Features.Attestation.DocumentView;

namespace NsmDashboard.Web.Tests.Features.Attestation.DocumentView;

public sealed class AgeTextTests
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
}
