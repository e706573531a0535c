using NsmDashboard.Web.Features.Measurements;

namespace NsmDashboard.Web.Tests.Features.Measurements;

public sealed class ExpectedMeasurementInputTests
{
    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    [Fact]
    public void Build_enclave_output_gives_PCR0_to_2()
    {
        var (set, source) = ExpectedMeasurementInput.FromNitroCli(" release-42 ", Read("build-enclave.json"));

        Assert.Equal("release-42", set.Name);
        Assert.Equal(ExpectedMeasurementSet.BuildEnclaveSource, source);
        Assert.Equal([0, 1, 2], set.Pcrs.Keys);
        Assert.Equal("73297d064cfd6c704682e2e4d0d423d19e6caeb46c0a32f4114c4bea59e4e65ff7436eea89bf45628e837dd676c86c5b", Convert.ToHexStringLower(set.Pcrs[0].Span));
    }

    [Fact]
    public void Describe_eif_output_of_a_signed_image_adds_PCR8()
    {
        var (set, source) = ExpectedMeasurementInput.FromNitroCli("signed", Read("describe-eif.json"));

        Assert.Equal(ExpectedMeasurementSet.DescribeEifSource, source);
        Assert.Equal([0, 1, 2, 8], set.Pcrs.Keys);
        Assert.Equal("7ae16cdd1238ebb712439af46c8d08b8a76be9127aa03bdf5fda21341716c42bab987c35906b3b20b92a95728ad9db7e", Convert.ToHexStringLower(set.Pcrs[8].Span));
    }

    [Theory]
    [InlineData("x", "", "Paste the JSON")]
    [InlineData("", "{}", "name")]
    [InlineData("x", "{\"Measurements\": {\"HashAlgorithm\": \"Sha256 { ... }\"}}", "Measurements.HashAlgorithm:")]
    [InlineData("x", "{\"Measurements\": {\"PCR0\": 5}}", "Measurements.PCR0:")]
    [InlineData("x", "[", "not valid JSON")]
    public void Bad_input_is_a_format_error_that_says_what_to_fix(string name, string json, string detail)
    {
        var error = Assert.ThrowsAny<FormatException>(() => ExpectedMeasurementInput.FromNitroCli(name, json));

        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_control_characters_or_too_long_is_refused()
    {
        Assert.Throws<FormatException>(() => ExpectedMeasurementInput.ValidName("a\u0007b"));
        Assert.Throws<FormatException>(() => ExpectedMeasurementInput.ValidName(new string('n', ExpectedMeasurementInput.MaxNameLength + 1)));
    }

    [Fact]
    public void Marks_prefer_a_match_over_debug_zero_and_leave_unexpected_PCRs_bare()
    {
        var zero = new byte[48];
        var sets = new[] { new NsmDashboard.Attestation.ExpectedPcrSet("a", [new(0, Enumerable.Repeat((byte)1, 48).ToArray())]) };

        Assert.Equal(MeasurementMarkKind.DebugZero, MeasurementMark.For(0, zero, debugMode: true, sets).Kind);
        Assert.Equal(MeasurementMarkKind.Differs, MeasurementMark.For(0, zero, debugMode: false, sets).Kind);
        Assert.Equal(MeasurementMarkKind.NotExpected, MeasurementMark.For(3, zero, debugMode: true, sets).Kind);
        Assert.Equal(MeasurementMarkKind.Matches, MeasurementMark.For(0, Enumerable.Repeat((byte)1, 48).ToArray(), debugMode: true, sets).Kind);
    }
}
