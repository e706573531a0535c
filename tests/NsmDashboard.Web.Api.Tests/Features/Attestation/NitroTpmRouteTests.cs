using System.Net;
using System.Text.Json;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Features.Attestation;

/// <summary>
/// NitroTPM documents (EC2 instance attestation) through <c>/api/attestation/verify</c> and <c>/decode</c>: the kind
/// in every answer, expected PCRs of the document's kind, a policy of the other kind refused, and the raw structure.
/// </summary>
public sealed class NitroTpmRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string TpmDocument => Convert.ToBase64String(AwsVectors.Tpm);

    private static JsonElement Check(JsonElement verification, string id) =>
        verification.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    [Fact]
    public async Task A_real_nitrotpm_document_verifies_at_its_own_time_under_the_AWS_root_with_its_kind()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var result = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new { document = TpmDocument, root = "aws", at = "document" }));

        // Assert
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("rootedInAws").GetBoolean());
        Assert.Equal("NitroTpm", result.GetProperty("kind").GetString());
        Assert.Equal(AwsVectors.TpmTimeText, result.GetProperty("validationTime").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("NitroTPM instance", Check(result, "DocumentKind").GetProperty("evidence").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expected_pcrs_address_the_tpm_pcrs_and_an_enclave_kind_is_refused()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var expected = new Dictionary<string, string> { ["4"] = AwsVectors.TpmPcr4 };

        // Act
        var match = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new { document = TpmDocument, root = "aws", at = "document", expectedPcrs = expected }));
        var enclave = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new { document = TpmDocument, root = "aws", at = "document", expectedPcrs = expected, kind = "enclave" }));
        var bad = await client.PostJsonAsync("/api/attestation/verify", new { document = TpmDocument, kind = "vm" });

        // Assert
        Assert.True(match.GetProperty("valid").GetBoolean(), match.ToString());
        Assert.Contains("nitrotpm_pcrs", Check(match, "ExpectedPcrs").GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.False(enclave.GetProperty("valid").GetBoolean());
        Assert.Equal("PolicyKindMismatch", enclave.GetProperty("failure").GetString());
        Assert.Equal("ExpectedKind", enclave.GetProperty("firstFailure").GetProperty("id").GetString());
        var problem = await ApiAssert.ProblemAsync(bad, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Contains("\"kind\"", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_answers_the_kind_the_tpm_pcrs_and_the_raw_structure()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var bytes = AwsVectors.Tpm;

        // Act
        var decoded = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/decode", new { document = TpmDocument }));

        // Assert
        Assert.Equal("NitroTpm", decoded.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, decoded.GetProperty("pcrs").ValueKind);
        Assert.False(decoded.GetProperty("isDebugMode").GetBoolean());
        var pcrs = decoded.GetProperty("nitroTpmPcrs");
        Assert.Equal(24, pcrs.EnumerateObject().Count());
        Assert.Equal(AwsVectors.TpmPcr4, pcrs.GetProperty("4").GetString());
        Assert.Equal(new string('f', 96), pcrs.GetProperty("17").GetString());

        var structure = decoded.GetProperty("structure");
        Assert.False(structure.GetProperty("tagged").GetBoolean());
        var map = structure.GetProperty("payloadMap");
        Assert.True(map.GetProperty("indefinite").GetBoolean());
        Assert.Equal(0xbf, bytes[map.GetProperty("offset").GetInt32()]);
        Assert.Equal(
            ["module_id", "digest", "timestamp", "nitrotpm_pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce"],
            structure.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("key").GetString()));
        var tpm = structure.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "nitrotpm_pcrs");
        Assert.Equal(24, tpm.GetProperty("elements").GetArrayLength());
        Assert.False(structure.GetProperty("signature").GetProperty("highS").GetBoolean());
        Assert.Equal(0, structure.GetProperty("rootIndex").GetInt32());
        Assert.Equal("AWS Nitro Enclaves Root G1", structure.GetProperty("caBundle")[0].GetProperty("trustedRoot").GetString());
    }

    [Fact]
    public async Task Decode_shows_the_2025_framing_of_an_enclave_document()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var decoded = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/decode",
            new { document = Convert.ToHexStringLower(AwsVectors.Read(AwsVectors.FastcryptoFile)) }));

        // Assert
        Assert.Equal("NitroEnclave", decoded.GetProperty("kind").GetString());
        Assert.Equal(17, decoded.GetProperty("pcrs").EnumerateObject().Count());
        var structure = decoded.GetProperty("structure");
        Assert.True(structure.GetProperty("payloadMap").GetProperty("indefinite").GetBoolean());
        Assert.True(structure.GetProperty("signature").GetProperty("highS").GetBoolean());
        Assert.False(structure.GetProperty("keysInDeterministicOrder").GetBoolean());
    }

    [Theory]
    [InlineData("{\"document\": \"hEShATgi\"}", "Malformed")]
    [InlineData("{\"document\": \"not a document!\"}", "InvalidArgument")]
    [InlineData("{}", "InvalidArgument")]
    [InlineData("{\"document\": \"00\", \"extra\": 1}", "InvalidArgument")]
    public async Task Decode_of_bad_input_is_a_problem(string body, string code)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.PostRawAsync("/api/attestation/decode", body);

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Nitro_tpm_pcr_compute_output_is_a_nitrotpm_set_that_never_marks_the_live_enclave_pcrs()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var toolOutput = new Dictionary<string, object> { ["Measurements"] = new Dictionary<string, string> { ["HashAlgorithm"] = "SHA384", ["PCR4"] = AwsVectors.TpmPcr4, ["PCR7"] = new string('7', 96) } };

        // Act
        var added = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/measurements", new { name = "ami-1", nitroTpmPcrCompute = toolOutput }));
        var byHand = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/measurements", new { name = "ami-2", pcrs = new Dictionary<string, string> { ["23"] = AwsVectors.ZeroPcrHex }, kind = "nitrotpm" }));
        var swapped = await client.PostJsonAsync("/api/measurements", new { name = "x", nitroCli = toolOutput });
        var outOfRange = await client.PostJsonAsync("/api/measurements", new { name = "y", pcrs = new Dictionary<string, string> { ["24"] = AwsVectors.ZeroPcrHex }, kind = "nitrotpm" });
        var pcrs = await ApiAssert.OkAsync(await client.GetAsync(new Uri("/api/pcrs", UriKind.Relative), Ct));

        // Assert
        Assert.Equal("NitroTpm", added.GetProperty("kind").GetString());
        Assert.Equal("nitro-tpm-pcr-compute", added.GetProperty("source").GetString());
        var warning = Assert.Single(added.GetProperty("warnings").EnumerateArray());
        Assert.StartsWith("PCR12", warning.GetString(), StringComparison.Ordinal);
        Assert.Equal("NitroTpm", byHand.GetProperty("kind").GetString());
        await ApiAssert.ProblemAsync(swapped, HttpStatusCode.BadRequest, "InvalidArgument");
        var problem = await ApiAssert.ProblemAsync(outOfRange, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Contains("0–23", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The live NSM is an enclave's: NitroTPM sets name PCR4, PCR7 and PCR23 but mark none of its PCRs.
        Assert.All(pcrs.EnumerateArray(), p => Assert.False(p.TryGetProperty("expected", out var e) && e.ValueKind != JsonValueKind.Null, p.ToString()));
    }
}
