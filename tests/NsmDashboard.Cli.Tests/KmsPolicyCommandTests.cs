using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NsmDashboard.Cli.Tests;

/// <summary><c>nsm kms-policy generate|check</c> on the real documents: output, exit codes, typed errors.</summary>
public sealed class KmsPolicyCommandTests
{
    private const string VaporTpm = "nitrotpm-vaportpm-2026-02-02.cbor";
    private const string Role = "arn:aws:iam::111122223333:role/host";

    private static string Pcr(int index) => Convert.ToHexStringLower(((SortedDictionary<int, byte[]>)Documents.Payload(AwsVectors.Evervault)["pcrs"]!)[index]);

    // The key-policy statement `generate --json` makes for evervault, as a policy document.
    private static JsonObject GeneratedPolicy()
    {
        var result = Cli.Run("kms-policy", "generate", "--document", AwsVectors.Path(AwsVectors.EvervaultFile), "--principal", Role, "--json");
        Assert.Equal(0, result.ExitCode);
        var statement = JsonNode.Parse(result.Stdout)!["keyPolicyStatement"]!.DeepClone();
        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement) };
    }

    private static CliResult CheckPolicy(TempDirectory temp, JsonNode policy, string document = AwsVectors.EvervaultFile, params string[] extra) =>
        Cli.Run(["kms-policy", "check", "--policy", temp.Write("policy.json", Encoding.UTF8.GetBytes(policy.ToJsonString())), "--document", AwsVectors.Path(document), .. extra]);

    [Fact]
    public void Generate_prints_the_condition_block_and_statements()
    {
        var result = Cli.Run("kms-policy", "generate", "--document", AwsVectors.Path(AwsVectors.EvervaultFile));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"\"kms:RecipientAttestation:PCR0\": \"{Pcr(0)}\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"Condition\": {", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("StringEqualsIgnoreCase", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("applies to  kms:Decrypt, kms:GenerateDataKey, kms:GenerateDataKeyPair, kms:DeriveSharedSecret, kms:GenerateRandom", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Replace the placeholder principal", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_json_lists_each_pinned_key()
    {
        var result = Cli.Run("kms-policy", "generate", "--document", AwsVectors.Path(AwsVectors.EvervaultFile), "--pcrs", "0,PCR4", "--json");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("NitroEnclave", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(["kms:RecipientAttestation:PCR0", "kms:RecipientAttestation:PCR4"], json.RootElement.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(Pcr(4), json.RootElement.GetProperty("condition").GetProperty("StringEqualsIgnoreCase").GetProperty("kms:RecipientAttestation:PCR4").GetString());
    }

    [Fact]
    public void Generate_from_a_nitrotpm_document_uses_nitrotpm_keys()
    {
        var result = Cli.Run("kms-policy", "generate", "--document", AwsVectors.Path(VaporTpm), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("NitroTpm", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(["kms:RecipientAttestation:NitroTPMPCR4", "kms:RecipientAttestation:NitroTPMPCR12"], json.RootElement.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
    }

    [Fact]
    public void Generate_from_explicit_values_and_from_measurements()
    {
        using var temp = new TempDirectory();
        var measurements = temp.Write("m.json", Encoding.UTF8.GetBytes($$"""{"Measurements": {"HashAlgorithm": "Sha384 { ... }", "PCR0": "{{Pcr(0)}}", "PCR1": "{{Pcr(1)}}", "PCR2": "{{Pcr(2)}}"} }"""));

        var fromFile = Cli.Run("kms-policy", "generate", "--measurements", measurements);
        var explicitEnclave = Cli.Run("kms-policy", "generate", "--pcr", $"0={Pcr(0)}", "--pcr", $"PCR1=0x{Pcr(1)}");
        var explicitTpm = Cli.Run("kms-policy", "generate", "--nitrotpm", "--pcr", $"7={Pcr(1)}");

        Assert.Equal(0, fromFile.ExitCode);
        Assert.Contains("nitro-cli measurements", fromFile.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, explicitEnclave.ExitCode);
        Assert.Contains($"\"kms:RecipientAttestation:PCR1\": \"{Pcr(1)}\"", explicitEnclave.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, explicitTpm.ExitCode);
        Assert.Contains("kms:RecipientAttestation:NitroTPMPCR7", explicitTpm.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_from_the_live_emulator()
    {
        var result = Cli.Emulator("kms-policy", "generate", "--live", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("kms:RecipientAttestation:PCR0", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("debug-mode enclave", "--document", "nitrite-2021-10-28-debug.cbor")]
    [InlineData("exactly one source")]
    [InlineData("exactly one source", "--document", "evervault-beta-2022-10-13-production.cbor", "--live")]
    [InlineData("PCR16 is not in", "--document", "evervault-beta-2022-10-13-production.cbor", "--pcrs", "16")]
    [InlineData("'x' is not a PCR number", "--document", "evervault-beta-2022-10-13-production.cbor", "--pcrs", "0,x")]
    [InlineData("--nitrotpm says what --pcr values are", "--document", "evervault-beta-2022-10-13-production.cbor", "--nitrotpm")]
    [InlineData("--pcr", "--pcr", "0=zz")]
    [InlineData("--pcr", "--nitrotpm", "--pcr", "24=00")]
    public void Generate_usage_errors_exit_2(string message, params string[] args)
    {
        var resolved = args.Select(a => a.EndsWith(".cbor", StringComparison.Ordinal) ? AwsVectors.Path(a) : a).ToArray();

        var result = Cli.Run(["kms-policy", "generate", .. resolved]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_pins_debug_zeros_only_when_asked()
    {
        var result = Cli.Run("kms-policy", "generate", "--document", AwsVectors.Path(AwsVectors.NitriteFile), "--allow-debug-zeros");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("DEBUG MODE", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_passes_a_generated_policy_against_its_document()
    {
        using var temp = new TempDirectory();

        var result = CheckPolicy(temp, GeneratedPolicy());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("✓ StringEqualsIgnoreCase kms:RecipientAttestation:PCR0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("result    PASS", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("only KMS decides", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_flags_one_changed_byte_with_its_position()
    {
        using var temp = new TempDirectory();
        var policy = GeneratedPolicy();
        var condition = policy["Statement"]![0]!["Condition"]!["StringEqualsIgnoreCase"]!;
        var value = Pcr(2).ToCharArray();
        value[7] = value[7] == 'f' ? 'e' : 'f';
        condition["kms:RecipientAttestation:PCR2"] = new string(value);

        var result = CheckPolicy(temp, policy);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ StringEqualsIgnoreCase kms:RecipientAttestation:PCR2: the document's PCR2 does not match: first difference at byte 3 (hex character 7", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL: the attestation gate would not admit this document", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Null", "NullCheck")]
    [InlineData("Unconditional", "GateBypassed")]
    [InlineData("UpperCase", "UpperCaseWithCaseSensitiveOperator")]
    public void Check_flags_each_mistake_and_exits_1(string mistake, string kind)
    {
        using var temp = new TempDirectory();
        var policy = GeneratedPolicy();
        var statements = policy["Statement"]!.AsArray();
        switch (mistake)
        {
            case "Null":
                statements[0]!["Condition"] = JsonNode.Parse("""{"Null": {"kms:RecipientAttestation:ImageSha384": "true"}}""");
                break;
            case "Unconditional":
                statements.Add(JsonNode.Parse($$"""{"Effect": "Allow", "Principal": {"AWS": "{{Role}}"}, "Action": "kms:*", "Resource": "*"}"""));
                break;
            default:
                statements[0]!["Condition"] = JsonNode.Parse($$"""{"StringEquals": {"kms:RecipientAttestation:PCR0": "{{Pcr(0).ToUpperInvariant()}}"} }""");
                break;
        }

        var result = CheckPolicy(temp, policy, AwsVectors.EvervaultFile, "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.False(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == kind && f.GetProperty("severity").GetString() == "Error");
    }

    [Fact]
    public void Check_an_enclave_policy_against_a_nitrotpm_document_fails_for_the_kind()
    {
        using var temp = new TempDirectory();

        var result = CheckPolicy(temp, GeneratedPolicy(), VaporTpm);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PlatformMismatch", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("this is a NitroTPM instance document", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_reads_the_policy_from_standard_input()
    {
        var result = Cli.RunWithBytes(Encoding.UTF8.GetBytes(GeneratedPolicy().ToJsonString()), "kms-policy", "check", "--policy", "-", "--document", AwsVectors.Path(AwsVectors.EvervaultFile));

        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("{\"Statement\": [", "not a policy: $: not valid JSON")]
    [InlineData("{\"Statement\": [{\"Effect\": \"Permit\", \"Action\": \"kms:Decrypt\"}]}", "$.Statement[0].Effect")]
    public void Check_refuses_an_invalid_policy_with_exit_2(string policy, string message)
    {
        using var temp = new TempDirectory();

        var result = Cli.Run("kms-policy", "check", "--policy", temp.Write("p.json", Encoding.UTF8.GetBytes(policy)), "--document", AwsVectors.Path(AwsVectors.EvervaultFile));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_refuses_a_garbage_document_or_missing_files_with_exit_2()
    {
        using var temp = new TempDirectory();
        var policy = temp.Write("p.json", Encoding.UTF8.GetBytes(GeneratedPolicy().ToJsonString()));

        var garbage = Cli.Run("kms-policy", "check", "--policy", policy, "--document", temp.Write("d.bin", [0x84, 0x01]));
        var missing = Cli.Run("kms-policy", "check", "--policy", temp.File("none.json"), "--document", AwsVectors.Path(AwsVectors.EvervaultFile));
        var both = Cli.Run("kms-policy", "check", "--policy", "-", "--document", "-");

        Assert.Equal(2, garbage.ExitCode);
        Assert.Contains("not a well-formed attestation document", garbage.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("cannot read the file", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
    }
}
