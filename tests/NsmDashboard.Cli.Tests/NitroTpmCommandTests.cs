using System.Text.Json;

namespace NsmDashboard.Cli.Tests;

/// <summary><c>nsm decode</c> and <c>nsm verify</c> with a real NitroTPM document (EC2 instance attestation).</summary>
public sealed class NitroTpmCommandTests
{
    private const string At = "2026-02-02T08:00:00Z";
    private const string TpmPcr4 = "1a1f166e1995c1e1bfdf1c1d13b1ebc9d5d4e44397501655c911a2062d92063483ca9e17f0264efe336d4b61c5b98d1e";
    private const string TpmPcr7 = "98441c7f7625d10058c47683aec486ce311c633235eb555593a7ee791121e3578ae72d04ecef661f272d59058b77af35";

    [Fact]
    public void Decode_text_shows_the_kind_and_the_24_tpm_pcrs()
    {
        var result = Cli.Run("decode", AwsVectors.Path(AwsVectors.TpmFile));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kind          NitroTPM instance (nitrotpm_pcrs)", result.Lines);
        Assert.Contains("module_id     i-0082f89b039c97a0f-tpm0000000000000000", result.Lines);
        Assert.Contains("nitrotpm_pcrs  24 entries", result.Lines);
        Assert.Contains($"  PCR4   {TpmPcr4}", result.Lines);
        Assert.Contains($"  PCR17  {new string('f', 96)}", result.Lines);
        Assert.DoesNotContain(result.Lines, l => l.StartsWith("pcrs ", StringComparison.Ordinal));
        Assert.Contains("debug_mode    no (a NitroTPM instance has no debug mode)", result.Lines);
        Assert.DoesNotContain("raw structure", result.Lines);
    }

    [Fact]
    public void Decode_json_has_the_kind_the_tpm_pcrs_and_the_structure()
    {
        var bytes = AwsVectors.Read(AwsVectors.TpmFile);
        var result = Cli.Run("decode", "--json", AwsVectors.Path(AwsVectors.TpmFile));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("nitrotpm", root.GetProperty("kind").GetString());
        Assert.Equal("NitroTPM instance (nitrotpm_pcrs)", root.GetProperty("kind_name").GetString());
        Assert.False(root.TryGetProperty("pcrs", out _));
        var independent = (SortedDictionary<int, byte[]>)Documents.Payload(bytes)["nitrotpm_pcrs"]!;
        Assert.Equal(
            independent.Select(p => (p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), Hex.Of(p.Value))),
            root.GetProperty("nitrotpm_pcrs").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));

        var structure = root.GetProperty("structure");
        Assert.False(structure.GetProperty("tagged").GetBoolean());
        Assert.Equal("84", structure.GetProperty("envelope").GetProperty("initial_byte").GetString());
        var map = structure.GetProperty("payload_map");
        Assert.True(map.GetProperty("indefinite").GetBoolean());
        Assert.Equal("bf", map.GetProperty("initial_byte").GetString());
        Assert.Equal(JsonValueKind.Null, map.GetProperty("argument").ValueKind);
        Assert.Equal(0xbf, bytes[map.GetProperty("offset").GetInt32()]);
        var fields = structure.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("payload_keys").EnumerateArray().Select(k => k.GetString()), fields.Select(f => f.GetProperty("key").GetString()));
        var tpm = fields.Single(f => f.GetProperty("key").GetString() == "nitrotpm_pcrs");
        Assert.Equal(("map", 24), (tpm.GetProperty("value").GetProperty("type").GetString(), tpm.GetProperty("value").GetProperty("argument").GetInt32()));
        Assert.Equal(24, tpm.GetProperty("elements").GetArrayLength());
        Assert.Equal("low", structure.GetProperty("signature").GetProperty("s_form").GetString());
        Assert.Equal(0, structure.GetProperty("root_index").GetInt32());
        Assert.Equal("AWS Nitro Enclaves Root G1", structure.GetProperty("cabundle")[0].GetProperty("trusted_root").GetString());
    }

    [Fact]
    public void Decode_raw_prints_the_structure_of_a_2025_indefinite_high_s_document()
    {
        var result = Cli.Run("decode", "--raw", AwsVectors.Path(AwsVectors.FastcryptoFile));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("raw structure", result.Lines);
        Assert.Contains(result.Lines, l => l.StartsWith("  payload map   @", StringComparison.Ordinal) && l.Contains(" bf  map    indefinite", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.Contains("r‖s, HIGH-S", StringComparison.Ordinal));
        Assert.Contains("  cabundle      root at [0] (root first, as AWS sends it)", result.Lines);
        Assert.Contains(result.Lines, l => l.StartsWith("    [0]        533 bytes  ROOT: AWS Nitro Enclaves Root G1", StringComparison.Ordinal));
        Assert.Contains("kind          Nitro Enclave (pcrs)", result.Lines);
    }

    [Fact]
    public void Verify_shows_the_kind_and_passes_at_the_documents_time()
    {
        var result = Cli.Run("verify", AwsVectors.Path(AwsVectors.TpmFile), "--at", At);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kind         NitroTPM instance (nitrotpm_pcrs)", result.Lines);
        Assert.Contains(result.Lines, l => l.StartsWith("  ✓ Document kind: NitroTPM instance", StringComparison.Ordinal));
        Assert.StartsWith("verdict      VALID: chains to the AWS Nitro Enclaves Root G1", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_pcr_addresses_the_tpm_pcrs_of_a_tpm_document()
    {
        var pass = Cli.Run("verify", AwsVectors.Path(AwsVectors.TpmFile), "--at", At, "--expect-pcr", $"4={TpmPcr4}", "--expect-pcr", $"PCR7={TpmPcr7}");
        var wrong = Cli.Run("verify", AwsVectors.Path(AwsVectors.TpmFile), "--at", At, "--expect-pcr", $"7={TpmPcr4}");

        Assert.True(pass.ExitCode == 0, pass.ToString());
        Assert.Contains("  ✓ Expected PCR values: The nitrotpm_pcrs of this NitroTPM instance document match the expected set '--expect-pcr' (PCR4, PCR7).", pass.Lines);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("verdict      INVALID (PcrMismatch)", wrong.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Kind_enclave_rejects_a_tpm_document_and_its_expect_pcr_is_an_enclave_set()
    {
        var result = Cli.Run("verify", AwsVectors.Path(AwsVectors.TpmFile), "--at", At, "--kind", "enclave", "--expect-pcr", $"4={TpmPcr4}", "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("nitrotpm", root.GetProperty("kind").GetString());
        Assert.Equal("PolicyKindMismatch", root.GetProperty("failure").GetString());
        Assert.Equal("ExpectedKind", root.GetProperty("first_failure").GetProperty("id").GetString());
        var pcrs = root.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "ExpectedPcrs");
        Assert.Equal("PolicyKindMismatch", pcrs.GetProperty("failure").GetString());
    }

    [Fact]
    public void Kind_nitrotpm_rejects_an_enclave_document()
    {
        var result = Cli.Run("verify", AwsVectors.Path(AwsVectors.NitriteFile), "--at", "2021-10-28T17:02:03Z", "--kind", "nitrotpm");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("INVALID (PolicyKindMismatch): Expected document kind: The policy expects a NitroTPM instance document; this is a Nitro Enclave document", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_kind_is_a_usage_error()
    {
        var result = Cli.Run("verify", AwsVectors.Path(AwsVectors.TpmFile), "--kind", "vm");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'vm' is not a document kind", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_measurements_takes_nitro_tpm_pcr_compute_output_with_its_kind_and_warnings()
    {
        using var temp = new TempDirectory();
        var tpmTool = temp.Write("pcrs.json", $$$"""{"Measurements": {"HashAlgorithm": "SHA384", "PCR4": "{{{TpmPcr4}}}", "PCR7": "{{{TpmPcr7}}}"}}""");

        var onTpm = Cli.Run("verify", AwsVectors.Path(AwsVectors.TpmFile), "--at", At, "--expect-measurements", tpmTool, "--json");
        var onEnclave = Cli.Run("verify", AwsVectors.Path(AwsVectors.NitriteFile), "--at", "2021-10-28T17:02:03Z", "--expect-measurements", tpmTool);

        Assert.True(onTpm.ExitCode == 0, onTpm.ToString());
        using (var json = JsonDocument.Parse(onTpm.Stdout))
        {
            var warning = Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray());
            Assert.Contains("PCR12 (kernel command line", warning.GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(1, onEnclave.ExitCode);
        Assert.Contains("never matches a Nitro Enclave document", onEnclave.Stdout, StringComparison.Ordinal);
        Assert.Contains("verdict      INVALID (PolicyKindMismatch)", onEnclave.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_measurements_file_is_a_usage_error_naming_the_member()
    {
        using var temp = new TempDirectory();
        var bad = temp.Write("bad.json", """{"Measurements": {"PCR4": "zz"}}""");
        var result = Cli.Run("verify", AwsVectors.Path(AwsVectors.TpmFile), "--expect-measurements", bad);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--expect-measurements", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("PCR4", result.Stderr, StringComparison.Ordinal);
    }
}
