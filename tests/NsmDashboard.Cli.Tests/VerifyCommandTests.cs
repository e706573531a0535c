using System.Text.Json;

namespace NsmDashboard.Cli.Tests;

public sealed class VerifyCommandTests
{
    private const string AwsRootSha256 = "641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b";
    private const string NitritePcr4 = "d8a8e8eee96d81b77a251410b7a9b180787653f125d1dbca79685c93fb885b335e0b8d172c9821a862515a603cc33ab2";
    private const string NitriteNonce = "54caa7fdd9c1de6f1206e4900d57b61eb759d628";

    // Inside each document's validation window (tests/Shared/Vectors/README.md), and just outside it.
    public static TheoryData<string, string> Inside => new()
    {
        { AwsVectors.NitriteFile, "2021-10-28T17:02:03Z" },
        { AwsVectors.NitriteFile, "2021-10-28T14:44:13Z" },
        { AwsVectors.EvervaultFile, "2022-10-13T09:00:00Z" },
        { AwsVectors.EvervaultFile, "2022-10-13T11:58:01+00:00" },
    };

    [Theory]
    [MemberData(nameof(Inside))]
    public void Real_documents_verify_inside_their_window(string name, string at)
    {
        var result = Cli.Run("verify", AwsVectors.Path(name), "--at", at);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"root sha256  {AwsRootSha256}", result.Lines);
        Assert.Contains(result.Lines, l => l.StartsWith("root         AWS Nitro Enclaves Root G1 (aws)", StringComparison.Ordinal));
        Assert.Contains("  ✓ COSE_Sign1 structure: ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✓ COSE signature with the leaf key: ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  – Revocation (not applicable): ", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("verdict      VALID: chains to the AWS Nitro Enclaves Root G1", result.Lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AwsVectors.NitriteFile, "2021-10-28T17:44:14Z", "CertificateExpired")]
    [InlineData(AwsVectors.EvervaultFile, "2022-10-13T11:58:03Z", "CertificateExpired")]
    [InlineData(AwsVectors.EvervaultFile, "2022-10-13T08:57:58Z", "CertificateNotYetValid")]
    [InlineData(AwsVectors.NitriteFile, "2030-01-01", "CertificateExpired")]
    public void Real_documents_fail_just_outside_their_window_naming_the_validity_check(string name, string at, string failure)
    {
        var result = Cli.Run("verify", AwsVectors.Path(name), "--at", at);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  ✗ Certificate validity at the validation time: ", result.Stdout, StringComparison.Ordinal);
        var verdict = result.Lines.Single(l => l.StartsWith("verdict ", StringComparison.Ordinal));
        Assert.StartsWith($"verdict      INVALID ({failure}): Certificate validity at the validation time: ", verdict, StringComparison.Ordinal);
        Assert.Contains("leaf", verdict, StringComparison.Ordinal);

        // A genuine document that has only grown old is told the time it was valid at, and how to check it there;
        // one checked before it was issued is not (looking later would not help).
        if (failure == "CertificateExpired")
        {
            Assert.StartsWith("advice       Its certificates are not valid at ", result.Lines[^1], StringComparison.Ordinal);
            Assert.EndsWith($"nsm verify {AwsVectors.Path(name)} --at document", result.Lines[^1], StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(result.Lines, l => l.StartsWith("advice ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Base64_and_hex_inputs_verify()
    {
        var bytes = AwsVectors.Nitrite;
        using var temp = new TempDirectory();
        var base64 = temp.Write("doc.txt", Convert.ToBase64String(bytes));

        var fromBase64 = Cli.Run("verify", base64, "--at", "2021-10-28T17:02:03Z");
        var fromHex = Cli.RunWithInput(Hex.Of(bytes), "verify", "-", "--at", "2021-10-28T17:02:03Z");

        Assert.Equal(0, fromBase64.ExitCode);
        Assert.Contains($"document     {base64} (base64, 4479 bytes)", fromBase64.Lines);
        Assert.Equal(0, fromHex.ExitCode);
        Assert.Contains("document     standard input (hex, 4479 bytes)", fromHex.Lines);
    }

    [Fact]
    public void Json_gives_the_verdict_the_root_and_every_check()
    {
        var valid = Cli.Run("verify", AwsVectors.Path(AwsVectors.NitriteFile), "--at", "2021-10-28T17:02:03Z", "--json");
        var expired = Cli.Run("verify", AwsVectors.Path(AwsVectors.NitriteFile), "--at", "2021-10-28T18:00:00Z", "--json");

        Assert.Equal(0, valid.ExitCode);
        using (var json = JsonDocument.Parse(valid.Stdout))
        {
            var root = json.RootElement;
            Assert.True(root.GetProperty("valid").GetBoolean());
            Assert.True(root.GetProperty("rooted_in_aws").GetBoolean());
            Assert.Equal("None", root.GetProperty("failure").GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("first_failure").ValueKind);
            Assert.Equal("aws", root.GetProperty("trust_root").GetProperty("kind").GetString());
            Assert.Equal(AwsRootSha256, root.GetProperty("trust_root").GetProperty("sha256").GetString());
            Assert.Equal("2021-10-28T17:02:03.000Z", root.GetProperty("validation_time").GetString());
            var checks = root.GetProperty("checks").EnumerateArray().ToList();
            Assert.Equal("CoseStructure", checks[0].GetProperty("id").GetString());
            Assert.Equal("docs/attestation-verification.md#cose-structure", checks[0].GetProperty("reference").GetString());
            Assert.All(checks, c => Assert.Contains(c.GetProperty("status").GetString(), new[] { "passed", "not_applicable" }));
            Assert.Equal(5, root.GetProperty("certificates").GetArrayLength());
        }

        Assert.Equal(1, expired.ExitCode);
        using (var json = JsonDocument.Parse(expired.Stdout))
        {
            var root = json.RootElement;
            Assert.False(root.GetProperty("valid").GetBoolean());
            Assert.Equal("CertificateExpired", root.GetProperty("failure").GetString());
            Assert.Equal("Validity", root.GetProperty("first_failure").GetProperty("id").GetString());
            Assert.Equal("failed", root.GetProperty("first_failure").GetProperty("status").GetString());
        }
    }

    [Fact]
    public void Expected_pcrs_and_nonce_pass_when_they_match()
    {
        var result = Cli.Run(
            "verify", AwsVectors.Path(AwsVectors.NitriteFile), "--at", "2021-10-28T17:02:03Z",
            "--expect-pcr", $"4={NitritePcr4}", "--expect-pcr", $"0={Hex.Zeros(48)}", "--expect-nonce", NitriteNonce);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("  ✓ Expected PCR values: ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✓ Expected nonce: ", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--expect-pcr", "4=000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "PcrMismatch")]
    [InlineData("--expect-nonce", "54caa7fdd9c1de6f1206e4900d57b61eb759d629", "NonceMismatch")]
    [InlineData("--max-age", "1ms", "TooOld")]
    public void A_policy_mismatch_exits_1_with_its_reason(string option, string value, string failure)
    {
        var result = Cli.Run("verify", AwsVectors.Path(AwsVectors.NitriteFile), "--at", "2021-10-28T17:02:03Z", option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"verdict      INVALID ({failure})", result.Lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5m", "2021-10-28T17:06:00Z", 0)]
    [InlineData("5m", "2021-10-28T17:08:00Z", 1)]
    [InlineData("PT5M", "2021-10-28T17:06:00Z", 0)]
    [InlineData("PT5M", "2021-10-28T17:08:00Z", 1)]
    [InlineData("90s", "2021-10-28T17:03:30Z", 0)]
    [InlineData("90s", "2021-10-28T17:03:40Z", 1)]
    [InlineData("1h", "2021-10-28T17:44:00Z", 0)]
    public void Max_age_takes_short_and_iso_durations(string maxAge, string at, int exitCode)
    {
        // The document's timestamp is 2021-10-28T17:02:02.077Z.
        var result = Cli.Run("verify", AwsVectors.Path(AwsVectors.NitriteFile), "--at", at, "--max-age", maxAge);

        Assert.True(result.ExitCode == exitCode, result.ToString());
    }

    [Fact]
    public void Emulator_documents_verify_only_against_the_emulator_root()
    {
        using var temp = new TempDirectory();
        var ca = temp.File("ca");
        var path = temp.File("doc.cbor");
        Assert.Equal(0, Cli.Emulator("--ca-dir", ca, "attest", "--nonce", "0102", "--out", path).ExitCode);

        var pinned = Cli.Run("verify", path, "--emulator-root", ca, "--expect-nonce", "0102");
        var aws = Cli.Run("verify", path);

        Assert.True(pinned.ExitCode == 0, pinned.ToString());
        Assert.Contains(pinned.Lines, l => l.StartsWith("root         Emulator (emulator)", StringComparison.Ordinal));
        Assert.StartsWith("verdict      VALID against the emulator root", pinned.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("NOT rooted in AWS", pinned.Lines[^1], StringComparison.Ordinal);

        Assert.Equal(1, aws.ExitCode);
        Assert.Contains("  ✗ Root pinned by bytes: ", aws.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("verdict      INVALID (UntrustedRoot)", aws.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_pem_that_is_aws_is_reported_as_aws()
    {
        var result = Cli.Run("verify", AwsVectors.Path(AwsVectors.EvervaultFile), "--at", "2022-10-13T09:00:00Z", "--root", AwsVectors.Path(AwsVectors.AwsRootPemFile));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"root sha256  {AwsRootSha256}", result.Lines);
        Assert.Contains(result.Lines, l => l.StartsWith("root         AWS Nitro Enclaves Root G1 (aws)", StringComparison.Ordinal));
    }

    [Fact]
    public void Tampered_and_truncated_documents_exit_1()
    {
        var bytes = AwsVectors.Nitrite;
        var tampered = (byte[])bytes.Clone();
        tampered[^1] ^= 1;

        var signature = Cli.RunWithBytes(tampered, "verify", "--at", "2021-10-28T17:02:03Z");
        var truncated = Cli.RunWithBytes(bytes[..2000], "verify", "--at", "2021-10-28T17:02:03Z");

        Assert.Equal(1, signature.ExitCode);
        Assert.StartsWith("verdict      INVALID (SignatureInvalid)", signature.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(1, truncated.ExitCode);
        Assert.StartsWith("verdict      INVALID (Malformed): COSE_Sign1 structure", truncated.Lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--at", "yesterday")]
    [InlineData("--at", "10/28/2021")]
    [InlineData("--max-age", "soon")]
    [InlineData("--max-age", "5x")]
    [InlineData("--max-age", "0s")]
    [InlineData("--expect-pcr", "4")]
    [InlineData("--expect-pcr", "40=00")]
    [InlineData("--expect-nonce", "xyz")]
    [InlineData("--root", "/nonexistent/root.pem")]
    [InlineData("--emulator-root", "/nonexistent/ca")]
    [InlineData("--emulator", "")]
    public void Usage_errors_exit_2(string option, string value)
    {
        string[] args = value.Length == 0
            ? ["verify", AwsVectors.Path(AwsVectors.NitriteFile), option]
            : ["verify", AwsVectors.Path(AwsVectors.NitriteFile), option, value];

        var result = Cli.Run(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Conflicting_roots_garbage_and_missing_input_exit_2()
    {
        using var temp = new TempDirectory();
        Assert.Equal(2, Cli.Run("verify", AwsVectors.Path(AwsVectors.NitriteFile), "--root", AwsVectors.Path(AwsVectors.AwsRootPemFile), "--emulator-root", temp.Path).ExitCode);
        Assert.Equal(2, Cli.RunWithInput("definitely not an attestation document!", "verify").ExitCode);
        Assert.Equal(2, Cli.Run("verify", temp.File("missing.cbor")).ExitCode);
    }
}
