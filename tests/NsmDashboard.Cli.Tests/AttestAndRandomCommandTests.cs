using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text.Json;

namespace NsmDashboard.Cli.Tests;

public sealed class AttestAndRandomCommandTests
{
    [Fact]
    public void Random_prints_256_bytes_of_hex()
    {
        var result = Cli.Emulator("random");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^[0-9a-f]{512}\n$", result.Stdout);
    }

    [Fact]
    public void Random_json()
    {
        var result = Cli.Emulator("random", "--json");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(256, json.RootElement.GetProperty("length").GetInt32());
        Assert.Matches("^[0-9a-f]{512}$", json.RootElement.GetProperty("random").GetString());
    }

    [Fact]
    public void Attest_prints_the_document_as_base64_by_default()
    {
        var result = Cli.Emulator("attest", "--nonce", "aabb", "--user-data", "01020304");

        Assert.Equal(0, result.ExitCode);
        var document = Convert.FromBase64String(result.Stdout.TrimEnd('\n'));
        Assert.Equal("8444a1013822a059", Hex.Of(document.AsSpan(0, 8)));
        var payload = Payload(document);
        Assert.Equal(Hex.Bytes("aabb"), payload["nonce"]);
        Assert.Equal(Hex.Bytes("01020304"), payload["user_data"]);
        Assert.Null(payload["public_key"]);
    }

    [Fact]
    public void Attest_format_cbor_writes_raw_bytes_to_stdout()
    {
        var result = Cli.Emulator("attest", "--format", "cbor");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal("8444a1013822a059", Hex.Of(result.BinaryStdout.AsSpan(0, 8)));
    }

    [Fact]
    public void Attest_out_writes_the_file_and_prints_a_summary()
    {
        using var temp = new TempDirectory();
        var path = temp.File("doc.cbor");

        var result = Cli.Emulator("attest", "--nonce", "00ff", "--user-data", "", "--out", path);

        Assert.Equal(0, result.ExitCode);
        var document = File.ReadAllBytes(path);
        Assert.Equal("8444a1013822a059", Hex.Of(document.AsSpan(0, 8)));
        var lines = result.Lines;
        Assert.Equal($"document    {path} (cbor, {document.Length} bytes)", lines[0]);
        Assert.Equal($"sha256      {Hex.Of(SHA256.HashData(document))}", lines[1]);
        Assert.Equal($"module_id   {Cli.ModuleId}", lines[2]);
        Assert.Matches(@"^timestamp   \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", lines[3]);
        Assert.Equal("pcrs        0-15", lines[4]);
        Assert.Equal("public_key  null", lines[5]);
        Assert.Equal("user_data   empty (0 bytes)", lines[6]);
        Assert.Equal("nonce       2 bytes  00ff", lines[7]);
        Assert.StartsWith("transport   emulator", lines[8], StringComparison.Ordinal);
        Assert.Contains("not AWS", lines[8], StringComparison.Ordinal);

        // An empty user_data was sent as an empty byte string, not as null.
        Assert.Equal(Array.Empty<byte>(), Payload(document)["user_data"]);
    }

    [Fact]
    public void Attest_out_base64_writes_text()
    {
        using var temp = new TempDirectory();
        var path = temp.File("doc.b64");

        var result = Cli.Emulator("attest", "--out", path, "--format", "base64");

        Assert.Equal(0, result.ExitCode);
        var document = Convert.FromBase64String(File.ReadAllText(path).Trim());
        Assert.Equal("8444a1013822a059", Hex.Of(document.AsSpan(0, 8)));
    }

    [Fact]
    public void Attest_json_carries_the_document_and_its_fields()
    {
        var result = Cli.Emulator("attest", "--nonce", "0102", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        var document = Convert.FromBase64String(root.GetProperty("document").GetString()!);
        Assert.Equal(document.Length, root.GetProperty("length").GetInt32());
        Assert.Equal(Hex.Of(SHA256.HashData(document)), root.GetProperty("sha256").GetString());
        Assert.Equal(Cli.ModuleId, root.GetProperty("module_id").GetString());
        Assert.Equal(Enumerable.Range(0, 16), root.GetProperty("pcrs").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("0102", root.GetProperty("nonce").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("user_data").ValueKind);
        Assert.Equal("emulator", root.GetProperty("transport").GetString());
    }

    [Fact]
    public void Attest_public_key_pem_is_sent_as_der()
    {
        using var temp = new TempDirectory();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = key.ExportSubjectPublicKeyInfo();
        var pem = temp.Write("key.pem", key.ExportSubjectPublicKeyInfoPem());
        var raw = temp.Write("key.der", der);

        var fromPem = Cli.Emulator("attest", "--public-key", pem);
        var fromDer = Cli.Emulator("attest", "--public-key", raw);

        Assert.Equal(der, Payload(Convert.FromBase64String(fromPem.Stdout.Trim()))["public_key"]);
        Assert.Equal(der, Payload(Convert.FromBase64String(fromDer.Stdout.Trim()))["public_key"]);
    }

    [Fact]
    public void Attest_field_over_1024_bytes_exits_1_with_input_too_large()
    {
        var result = Cli.Emulator("attest", "--nonce", new string('a', 2 * 1025));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error(InputTooLarge)", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("attest", "--nonce", "abc")]
    [InlineData("attest", "--format", "pem")]
    [InlineData("attest", "--json", "--format", "cbor")]
    [InlineData("attest", "--public-key", "/nonexistent/key.pem")]
    [InlineData("attest", "--out", "/nonexistent/dir/doc.cbor")]
    [InlineData("random", "now")]
    public void Attest_usage_errors_exit_2(params string[] args)
    {
        var result = Cli.Emulator(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
    }

    // An independent reading of the payload map (not the attestation library): key → byte string or null.
    private static Dictionary<string, byte[]?> Payload(byte[] document)
    {
        var envelope = new CborReader(document);
        envelope.ReadStartArray();
        envelope.ReadByteString();
        envelope.SkipValue();
        var reader = new CborReader(envelope.ReadByteString());
        var fields = new Dictionary<string, byte[]?>();
        var count = reader.ReadStartMap();
        for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            var key = reader.ReadTextString();
            switch (reader.PeekState())
            {
                case CborReaderState.Null:
                    reader.ReadNull();
                    fields[key] = null;
                    break;
                case CborReaderState.ByteString:
                    fields[key] = reader.ReadByteString();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return fields;
    }
}
