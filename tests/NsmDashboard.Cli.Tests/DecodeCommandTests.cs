using System.Text;
using System.Text.Json;

namespace NsmDashboard.Cli.Tests;

public sealed class DecodeCommandTests
{
    [Fact]
    public void Text_shows_every_field_of_a_real_document()
    {
        var result = Cli.Run("decode", AwsVectors.Path(AwsVectors.NitriteFile));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Lines;
        Assert.Contains("input         cbor, 4479 bytes", lines);
        Assert.Contains("sha256        6c096a02f81be29b092b2af28cb53e16e98fab4aa5b96a925c3ae2dd7cf73991", lines);
        Assert.Contains("envelope      COSE_Sign1, untagged, definite array", lines);
        Assert.Contains("protected     a1013822  alg -35 (ES384)", lines);
        Assert.Contains("module_id     i-0809849710bf1b61b-enc017cc45400406a27", lines);
        Assert.Contains("digest        SHA384", lines);
        Assert.Contains("timestamp     2021-10-28T17:02:02.077Z  (1635440522077 ms)", lines);
        Assert.Contains("pcrs          16 entries", lines);
        Assert.Contains($"  PCR0   {Hex.Zeros(48)}", lines);
        Assert.Contains("  PCR4   d8a8e8eee96d81b77a251410b7a9b180787653f125d1dbca79685c93fb885b335e0b8d172c9821a862515a603cc33ab2", lines);
        Assert.Contains("public_key    empty (0 bytes)", lines);
        Assert.Contains("nonce         20 bytes  54caa7fdd9c1de6f1206e4900d57b61eb759d628", lines);
        Assert.Contains("debug_mode    yes: PCR0, PCR1 and PCR2 are all zero, so they do not measure the image", lines);

        // Certificates: subject, validity and SHA-256, the root being AWS's (docs/attestation-document.md#aws-root).
        Assert.Contains("  cabundle[0]   CN=aws.nitro-enclaves, OU=AWS, O=Amazon, C=US", lines);
        Assert.Contains("    valid       2019-10-28T13:28:05.000Z .. 2049-10-28T14:28:05.000Z", lines);
        Assert.Contains("    sha256      641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b  (533 bytes)", lines);
        Assert.Contains("    valid       2021-10-28T14:44:13.000Z .. 2021-10-28T17:44:13.000Z", lines);
        Assert.Equal(5, lines.Count(l => l.StartsWith("    sha256", StringComparison.Ordinal)));
    }

    [Fact]
    public void Text_tells_null_from_empty()
    {
        var result = Cli.Run("decode", AwsVectors.Path(AwsVectors.EvervaultFile));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("public_key    null", result.Lines);
        Assert.Contains("user_data     null", result.Lines);
        Assert.Contains(result.Lines, l => l.StartsWith("nonce         256 bytes  ", StringComparison.Ordinal));
        Assert.Contains("debug_mode    no", result.Lines);
    }

    [Theory]
    [InlineData(AwsVectors.NitriteFile)]
    [InlineData(AwsVectors.EvervaultFile)]
    public void Json_matches_an_independent_decoding_field_by_field(string name)
    {
        var bytes = AwsVectors.Read(name);
        var result = Cli.Run("decode", "--json", AwsVectors.Path(name));

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        var payload = Documents.Payload(bytes);
        Assert.Equal(payload.Keys, root.GetProperty("payload_keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal((string)payload["module_id"]!, root.GetProperty("module_id").GetString());
        Assert.Equal((string)payload["digest"]!, root.GetProperty("digest").GetString());
        Assert.Equal((ulong)payload["timestamp"]!, root.GetProperty("timestamp").GetUInt64());
        var pcrs = (SortedDictionary<int, byte[]>)payload["pcrs"]!;
        Assert.Equal(
            pcrs.Select(p => (p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), Hex.Of(p.Value))),
            root.GetProperty("pcrs").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        Assert.Equal(Hex.Of((byte[])payload["certificate"]!), root.GetProperty("certificate").GetString());
        Assert.Equal(((List<byte[]>)payload["cabundle"]!).Select(c => Hex.Of(c)), root.GetProperty("cabundle").EnumerateArray().Select(c => c.GetString()));
        foreach (var key in new[] { "public_key", "user_data", "nonce" })
        {
            if (payload[key] is byte[] value)
            {
                Assert.Equal(Hex.Of(value), root.GetProperty(key).GetString());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, root.GetProperty(key).ValueKind);
            }
        }

        Assert.Equal(-35, root.GetProperty("cose").GetProperty("algorithm").GetInt32());
        Assert.Equal(96, root.GetProperty("cose").GetProperty("signature").GetString()!.Length / 2);
        Assert.Equal(5, root.GetProperty("certificates").GetArrayLength());
    }

    [Fact]
    public void Absent_null_and_empty_are_told_apart_in_text_and_json()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("handmade.cbor", Documents.HandMade());

        var text = Cli.Run("decode", path);
        var json = Cli.Run("decode", path, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("public_key    absent", text.Lines);
        Assert.Contains("user_data     null", text.Lines);
        Assert.Contains("nonce         empty (0 bytes)", text.Lines);
        Assert.Contains("  certificate   not an X.509 certificate: " , text.Stdout, StringComparison.Ordinal);

        using var document = JsonDocument.Parse(json.Stdout);
        var root = document.RootElement;
        Assert.False(root.TryGetProperty("public_key", out _));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("user_data").ValueKind);
        Assert.Equal(string.Empty, root.GetProperty("nonce").GetString());
        Assert.True(root.GetProperty("certificates")[0].TryGetProperty("error", out _));
    }

    [Fact]
    public void Base64_base64url_and_hex_inputs_decode_to_the_same_document()
    {
        var bytes = AwsVectors.Evervault;
        using var temp = new TempDirectory();
        var base64 = temp.Write("doc.b64", Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks));
        var base64Url = temp.Write("doc.b64url", Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

        var fromBase64 = Cli.Run("decode", "--json", base64);
        var fromBase64Url = Cli.Run("decode", "--json", base64Url);
        var fromHexStdin = Cli.RunWithInput(Hex.Of(bytes) + "\n", "decode", "--json");
        var fromRawStdin = Cli.RunWithBytes(bytes, "decode", "-", "--json");

        foreach (var (result, format) in new[] { (fromBase64, "base64"), (fromBase64Url, "base64url"), (fromHexStdin, "hex"), (fromRawStdin, "cbor") })
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            using var json = JsonDocument.Parse(result.Stdout);
            Assert.Equal(format, json.RootElement.GetProperty("input_format").GetString());
            Assert.Equal("a72552688ab6de06b9039ebda2bd5ae9285860ec886f841da94351681dfb3eb6", json.RootElement.GetProperty("sha256").GetString());
        }
    }

    [Fact]
    public void Garbage_text_and_unreadable_files_exit_2()
    {
        var garbage = Cli.RunWithInput("this is not a document!\n", "decode");
        var missing = Cli.Run("decode", "/nonexistent/doc.cbor");
        var empty = Cli.RunWithInput(string.Empty, "decode");

        Assert.Equal(2, garbage.ExitCode);
        Assert.Contains("standard input", garbage.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(2, empty.ExitCode);
        Assert.Equal(string.Empty, garbage.Stdout + missing.Stdout + empty.Stdout);
    }

    [Fact]
    public void A_truncated_document_exits_1_naming_the_place()
    {
        var bytes = AwsVectors.Nitrite;

        var result = Cli.RunWithBytes(bytes[..1000], "decode");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("not a well-formed attestation document", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("payload", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Module_options_are_refused()
    {
        var after = Cli.Run("decode", AwsVectors.Path(AwsVectors.NitriteFile), "--emulator");
        var before = Cli.Run("--emulator", "decode", AwsVectors.Path(AwsVectors.NitriteFile));
        var device = Cli.Run("--device", "/dev/nsm", "verify", AwsVectors.Path(AwsVectors.NitriteFile));

        Assert.Equal(2, after.ExitCode);
        Assert.Contains("--emulator", after.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, before.ExitCode);
        Assert.Contains("--emulator selects an NSM module; 'decode' does not use one", before.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, device.ExitCode);
        Assert.Contains("--emulator-root DIR", device.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, after.Stdout + before.Stdout + device.Stdout);
    }

    [Fact]
    public void An_emulator_document_decodes_with_what_was_asked_for()
    {
        using var temp = new TempDirectory();
        var path = temp.File("doc.cbor");
        Assert.Equal(0, Cli.Emulator("attest", "--nonce", "abcd", "--user-data", Hex.Of(Encoding.UTF8.GetBytes("hi")), "--out", path).ExitCode);

        var result = Cli.Run("decode", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"module_id     {Cli.ModuleId}", result.Lines);
        Assert.Contains("nonce         2 bytes  abcd", result.Lines);
        Assert.Contains("user_data     2 bytes  6869", result.Lines);
        Assert.Contains("public_key    null", result.Lines);
        Assert.Contains(result.Lines, l => l.StartsWith("  cabundle[0]   CN=emulator.nitro-enclaves", StringComparison.Ordinal));
    }
}
