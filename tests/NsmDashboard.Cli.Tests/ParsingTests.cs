using NsmDashboard.Cli.Output;
using NsmDashboard.Cli.Parsing;

namespace NsmDashboard.Cli.Tests;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("00", "00")]
    [InlineData("DEADbeef", "deadbeef")]
    [InlineData("0x0102", "0102")]
    [InlineData("  a1 6b44 65\t73 ", "a16b446573")]
    public void Hex_accepts_case_prefix_and_whitespace(string text, string expected)
    {
        Assert.True(HexArgument.TryParse(text, out var bytes, out var error), error);
        Assert.Equal(expected, Hex.Of(bytes));
    }

    [Theory]
    [InlineData("0", "odd number of hex digits (1): every byte takes two digits")]
    [InlineData("0g", "'g' at position 2 is not a hex digit (0-9, a-f)")]
    [InlineData("0x0x", "'x' at position 4 is not a hex digit (0-9, a-f)")]
    [InlineData("-1", "'-' at position 1 is not a hex digit (0-9, a-f)")]
    public void Hex_errors_say_what_and_where(string text, string expected)
    {
        Assert.False(HexArgument.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    // The grammar is NsmDashboard.Nsm.Text.DurationText's (tested there); --max-age adds only that it must be positive.
    [Theory]
    [InlineData("1h30m", 5400)]
    [InlineData("PT0.25S", 0.25)]
    [InlineData("5", 5)]
    public void Max_age_reads_the_one_duration_grammar(string text, double seconds)
    {
        Assert.True(DurationArgument.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("PT0S")]
    [InlineData("soon")]
    public void A_max_age_of_zero_or_no_duration_is_refused(string text) => Assert.False(DurationArgument.TryParse(text, out _));

    [Theory]
    [InlineData("2021-10-28T17:02:03Z", "2021-10-28T17:02:03.000Z")]
    [InlineData("2021-10-28T17:02:03.5Z", "2021-10-28T17:02:03.500Z")]
    [InlineData("2021-10-28T19:02:03+02:00", "2021-10-28T17:02:03.000Z")]
    [InlineData("2021-10-28T17:02:03", "2021-10-28T17:02:03.000Z")]
    [InlineData("2021-10-28T17:02Z", "2021-10-28T17:02:00.000Z")]
    [InlineData("2021-10-28", "2021-10-28T00:00:00.000Z")]
    public void Times_are_iso_8601_and_utc_without_an_offset(string text, string expected)
    {
        Assert.True(TimeArgument.TryParse(text, out var value));
        Assert.Equal(expected, TextFormat.Time(value));
    }

    [Theory]
    [InlineData("now")]
    [InlineData("10/28/2021")]
    [InlineData("28.10.2021")]
    [InlineData("1635440522")]
    public void Non_iso_times_are_refused(string text) => Assert.False(TimeArgument.TryParse(text, out _));

    [Theory]
    [InlineData(new int[0], "none")]
    [InlineData(new[] { 3 }, "3")]
    [InlineData(new[] { 0, 1, 2, 3 }, "0-3")]
    [InlineData(new[] { 16, 0, 1, 2, 3, 5, 7, 8 }, "0-3,5,7-8,16")]
    public void Index_sets_print_as_ranges(int[] values, string expected) =>
        Assert.Equal(expected, TextFormat.Ranges(values));
}
