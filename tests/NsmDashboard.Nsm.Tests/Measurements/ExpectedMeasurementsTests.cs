using NsmDashboard.Nsm.Tests.Emulator;

namespace NsmDashboard.Nsm.Tests.Measurements;

/// <summary>
/// Importing expected PCRs from either tool: nitro-cli (enclave PCR0/1/2/8) or nitro-tpm-pcr-compute (NitroTPM
/// PCR4/7/12), the format — and so the document kind — kept with the values.
/// </summary>
public sealed class ExpectedMeasurementsTests
{
    // The exact text nitro-tpm-pcr-compute prints in its own test (aws/NitroTPM-Tools, build_info.rs): PCR4 and
    // PCR12 are SHA-384("pcr4") and SHA-384("pcr12"), written out of order and printed sorted.
    private const string ToolOutput = """
        {
          "Measurements": {
            "HashAlgorithm": "SHA384",
            "PCR4": "baa47e59f5ab7e026ffe0b85cf86e5a34494da6fb5a10e91eeb7ab839764a0d280a3ce5fd3dfc9c1225b75aa7e4820ca",
            "PCR12": "38620c0ff9b8a29cd903205c2ed1e24a92eb4e8a25668c5b59a5e50960f0df0aee70f0c33c10ca645acae477261f1a99"
          }
        }
        """;

    [Fact]
    public void Nitro_tpm_pcr_compute_output_parses_as_nitrotpm_pcrs()
    {
        var measurements = NitroTpmPcrMeasurements.Parse(ToolOutput);

        Assert.Equal("SHA384", measurements.HashAlgorithm);
        Assert.Equal([4, 12], measurements.Pcrs.Select(p => p.Key));
        Assert.Equal(Hex.Of(System.Security.Cryptography.SHA384.HashData("pcr4"u8)), Hex.Of(measurements.Pcrs[0].Value.Span));
        Assert.Equal(Hex.Of(System.Security.Cryptography.SHA384.HashData("pcr12"u8)), Hex.Of(measurements.Pcrs[1].Value.Span));
        var warning = Assert.Single(measurements.Warnings);
        Assert.StartsWith("PCR7 (Secure Boot policy) is not given", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_1_1_output_with_pcr4_7_12_has_no_warning()
    {
        var measurements = NitroTpmPcrMeasurements.Load(TestData.Path("nitro-tpm-pcr-compute.json"));
        Assert.Equal([4, 7, 12], measurements.Pcrs.Select(p => p.Key));
        Assert.Empty(measurements.Warnings);
    }

    [Fact]
    public void Version_1_0_output_without_pcr12_warns_about_the_command_line()
    {
        var json = """{"Measurements": {"HashAlgorithm": "SHA384", "PCR4": "%", "PCR7": "%"}}""".Replace("%", new string('a', 96), StringComparison.Ordinal);
        var measurements = NitroTpmPcrMeasurements.Parse(json);
        Assert.Contains(measurements.Warnings, w => w.StartsWith("PCR12 (kernel command line", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nitro-tpm-pcr-compute.json", MeasurementsFormat.NitroTpmPcrCompute, new[] { 4, 7, 12 })]
    [InlineData("build-enclave.json", MeasurementsFormat.NitroCli, new[] { 0, 1, 2 })]
    [InlineData("describe-eif.json", MeasurementsFormat.NitroCli, new[] { 0, 1, 2, 8 })]
    public void Either_tools_output_is_recognised_and_keeps_its_format(string file, MeasurementsFormat format, int[] pcrs)
    {
        var measurements = ExpectedMeasurements.Load(TestData.Path(file));
        Assert.Equal(format, measurements.Format);
        Assert.Equal(pcrs, measurements.Pcrs.Select(p => p.Key));
        Assert.All(measurements.Pcrs, p => Assert.Equal(48, p.Value.Length));
    }

    [Theory]
    [InlineData("""{"Measurements": {"HashAlgorithm": "SHA384"}}""", "Measurements", "no PCR member")]
    [InlineData("""{"Measurements": {"HashAlgorithm": "SHA256", "PCR4": "00"}}""", "Measurements.HashAlgorithm", "SHA-384")]
    [InlineData("""{"Measurements": {"PCR24": "%"}}""", "Measurements.PCR24", "not a NitroTPM PCR")]
    [InlineData("""{"Measurements": {"PCR4": "abc"}}""", "Measurements.PCR4", "96 hex characters")]
    [InlineData("""{"Measurements": {"PCR4": 4}}""", "Measurements.PCR4", "must be a hex string")]
    [InlineData("""{"Measurements": {"PCR0": "%"}}""", "Measurements.PCR1", "no \"PCR1\" member")]
    [InlineData("""{"measurements": {}}""", "Measurements", "no \"Measurements\" member")]
    [InlineData("""[1]""", "$", "must be an object")]
    [InlineData("""{"Measurements": """, "$", "not valid JSON")]
    public void Bad_measurements_name_the_member(string json, string member, string message)
    {
        var error = Assert.Throws<MeasurementsFormatException>(() => ExpectedMeasurements.Parse(json.Replace("%", new string('0', 96), StringComparison.Ordinal)));
        Assert.Equal(member, error.Member);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PCR4", true, 4)]
    [InlineData("PCR23", true, 23)]
    [InlineData("PCR04", false, -1)]
    [InlineData("PCR", false, -1)]
    [InlineData("pcr4", false, -1)]
    [InlineData("PCR4x", false, -1)]
    [InlineData("PCR123", false, -1)]
    public void Pcr_member_names_are_exact(string name, bool ok, int index)
    {
        Assert.Equal(ok, MeasurementsJson.TryPcrIndex(name, out var parsed));
        Assert.Equal(index, parsed);
    }

    [Fact]
    public void Nitrotpm_measurements_reject_enclave_sizes_and_indices()
    {
        Assert.Throws<ArgumentException>(() => new NitroTpmPcrMeasurements([new(24, new byte[48])]));
        Assert.Throws<ArgumentException>(() => new NitroTpmPcrMeasurements([new(4, new byte[32])]));
        Assert.Throws<ArgumentException>(() => new NitroTpmPcrMeasurements([]));
        Assert.Throws<ArgumentException>(() => new NitroTpmPcrMeasurements([new(4, new byte[48]), new(4, new byte[48])]));
    }
}
