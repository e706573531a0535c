namespace NsmDashboard.Nsm.Tests.Emulator;

/// <summary>Parsing the JSON of <c>nitro-cli build-enclave</c> and <c>nitro-cli describe-eif</c>.</summary>
public class NitroCliMeasurementsTests
{
    private const string Pcr0 = "8d3b4c8f5a5b2ac4fd8b6ac7f0dc2b35bb1e4a10a2d9d0fa2e0b8b65e5fd3e9c59e46d2fd4b0f2d1c13b5c26d9de0a1e";
    private const string Pcr1 = "bcdf05fefccaa8e55bf2c8d6dee9e79bbff31e34bf28a99aa19e6b29c37ee80b214a414b7607236edf26fcb78654e63f";
    private const string Pcr2 = "0f0ac32c300289e872e6ac4d19b0b5ac4a9b020c98295643ff3978610750ce6a86f7edff24e3c0a4a445f2ff8a9ea79d";

    [Fact]
    public void Build_enclave_output_parses()
    {
        var text = TestData.Read("build-enclave.json");

        var measurements = NitroCliMeasurements.Load(TestData.Path("build-enclave.json"));

        Assert.Equal("Sha384 { ... }", measurements.HashAlgorithm);
        Assert.Contains("\"PCR0\": \"" + Hex.Of(measurements.Pcr0.Span) + "\"", text, StringComparison.Ordinal);
        Assert.Contains("\"PCR1\": \"" + Hex.Of(measurements.Pcr1.Span) + "\"", text, StringComparison.Ordinal);
        Assert.Contains("\"PCR2\": \"" + Hex.Of(measurements.Pcr2.Span) + "\"", text, StringComparison.Ordinal);
        Assert.Null(measurements.Pcr8);
        Assert.Equal([0, 1, 2], measurements.Pcrs.Select(p => p.Key));
    }

    [Fact]
    public void Build_enclave_output_values_are_the_hex_bytes()
    {
        var json = Json(Pcr0, Pcr1, Pcr2);

        var measurements = NitroCliMeasurements.Parse(json);

        Assert.Equal(Pcr0, Hex.Of(measurements.Pcr0.Span));
        Assert.Equal(Pcr1, Hex.Of(measurements.Pcr1.Span));
        Assert.Equal(Pcr2, Hex.Of(measurements.Pcr2.Span));
    }

    [Fact]
    public void Describe_eif_output_of_a_signed_image_parses_with_pcr8()
    {
        var text = TestData.Read("describe-eif.json");

        var measurements = NitroCliMeasurements.Parse(text);

        Assert.NotNull(measurements.Pcr8);
        Assert.Contains("\"PCR8\": \"" + Hex.Of(measurements.Pcr8.Value.Span) + "\"", text, StringComparison.Ordinal);
        Assert.Equal([0, 1, 2, 8], measurements.Pcrs.Select(p => p.Key));
    }

    [Fact]
    public void Upper_case_hex_and_a_missing_HashAlgorithm_are_accepted()
    {
        var json = $$$"""{"Measurements": {"PCR0": "{{{Pcr0.ToUpperInvariant()}}}", "PCR1": "{{{Pcr1}}}", "PCR2": "{{{Pcr2}}}"}}""";

        var measurements = NitroCliMeasurements.Parse(json);

        Assert.Equal(Pcr0, Hex.Of(measurements.Pcr0.Span));
        Assert.Equal(NitroCliMeasurements.Sha384HashAlgorithm, measurements.HashAlgorithm);
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[]", "$")]
    [InlineData("{}", "Measurements")]
    [InlineData("""{"Measurements": "PCR0"}""", "Measurements")]
    [InlineData("""{"Measurements": {"HashAlgorithm": "Sha256 { ... }"}}""", "Measurements.HashAlgorithm")]
    [InlineData("""{"Measurements": {"HashAlgorithm": 384}}""", "Measurements.HashAlgorithm")]
    [InlineData("""{"Measurements": {"HashAlgorithm": "Sha384 { ... }"}}""", "Measurements.PCR0")]
    public void Malformed_documents_name_the_member(string json, string member)
    {
        var error = Assert.Throws<MeasurementsFormatException>(() => NitroCliMeasurements.Parse(json));

        Assert.Equal(member, error.Member);
    }

    [Theory]
    [InlineData("PCR1", "\"abcd\"")]                                      // too short
    [InlineData("PCR1", "\"" + Pcr1 + "00\"")]                            // too long (SHA-512 length would be 128)
    [InlineData("PCR2", "\"zz" + Pcr2 + "\"")]
    [InlineData("PCR2", "null")]
    [InlineData("PCR0", "42")]
    [InlineData("PCR8", "\"not-hex\"")]
    public void Bad_pcr_values_name_the_member(string name, string value)
    {
        var values = new Dictionary<string, string>
        {
            ["PCR0"] = "\"" + Pcr0 + "\"",
            ["PCR1"] = "\"" + Pcr1 + "\"",
            ["PCR2"] = "\"" + Pcr2 + "\"",
        };
        values[name] = value;
        var members = string.Join(", ", values.Select(kv => $"\"{kv.Key}\": {kv.Value}"));
        var json = $$$"""{"Measurements": {"HashAlgorithm": "Sha384 { ... }", {{{members}}}}}""";

        var error = Assert.Throws<MeasurementsFormatException>(() => NitroCliMeasurements.Parse(json));

        Assert.Equal("Measurements." + name, error.Member);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_reports_the_line()
    {
        var error = Assert.Throws<MeasurementsFormatException>(() => NitroCliMeasurements.Parse("{\n  \"Measurements\": {\n    \"PCR0\": \n"));

        Assert.Contains("line", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Load_of_a_missing_file_throws_FileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => NitroCliMeasurements.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json")));
    }

    private static string Json(string pcr0, string pcr1, string pcr2) =>
        $$$"""{"Measurements": {"HashAlgorithm": "Sha384 { ... }", "PCR0": "{{{pcr0}}}", "PCR1": "{{{pcr1}}}", "PCR2": "{{{pcr2}}}"}}""";
}
