using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Features.Attestation;

public sealed class AttestationRouteTests
{
    private const string NitriteTimestamp = "2021-10-28T17:02:02.077Z";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Attestation_returns_a_document_that_verifies_against_the_emulator_root_in_the_response()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var emulatorRootSha256 = Convert.ToHexStringLower(SHA256.HashData(api.Emulator.CertificateAuthority.RootCertificate.RawData));

        // Act
        var answer = await ApiAssert.OkAsync(await client.PostJsonAsync(
            "/api/attestation", new { nonce = "0011223344", userData = "68656c6c6f", publicKey = "3059301306" }));

        // Assert: the response's own verdict…
        Assert.Equal(["document", "decoded", "verification"], ApiAssert.MemberNames(answer));
        var verification = answer.GetProperty("verification");
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        Assert.False(verification.GetProperty("rootedInAws").GetBoolean());
        Assert.Equal("None", verification.GetProperty("failure").GetString());
        Assert.Equal("Emulator", verification.GetProperty("trustRoot").GetProperty("kind").GetString());
        Assert.Equal(emulatorRootSha256, verification.GetProperty("trustRoot").GetProperty("sha256").GetString());
        Assert.Equal("Passed", Check(verification, "ExpectedNonce").GetProperty("status").GetString());
        Assert.All(verification.GetProperty("checks").EnumerateArray(), c => Assert.NotEqual("Failed", c.GetProperty("status").GetString()));

        // …the decoded fields…
        var decoded = answer.GetProperty("decoded");
        Assert.Equal("0011223344", decoded.GetProperty("nonce").GetString());
        Assert.Equal("68656c6c6f", decoded.GetProperty("userData").GetString());
        Assert.Equal("3059301306", decoded.GetProperty("publicKey").GetString());
        Assert.Equal(api.Emulator.ModuleId, decoded.GetProperty("moduleId").GetString());
        Assert.Equal(16, decoded.GetProperty("pcrs").EnumerateObject().Count());

        // …and an independent verifier pinned to the emulator's root.
        var document = Convert.FromBase64String(answer.GetProperty("document").GetString()!);
        var verifier = new AttestationVerifier(new AttestationVerifierOptions
        {
            TrustRoot = AttestationTrustRoot.Emulator(api.Emulator.CertificateAuthority.RootCertificate),
        });
        Assert.True(verifier.Verify(document).IsValid);
    }

    [Fact]
    public async Task Attestation_without_a_body_has_null_fields()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var answer = await ApiAssert.OkAsync(await client.PostAsync("/api/attestation", null, Ct));

        // Assert
        var decoded = answer.GetProperty("decoded");
        Assert.Equal(JsonValueKind.Null, decoded.GetProperty("nonce").ValueKind);
        Assert.Equal(JsonValueKind.Null, decoded.GetProperty("userData").ValueKind);
        Assert.Equal(JsonValueKind.Null, decoded.GetProperty("publicKey").ValueKind);
        Assert.True(answer.GetProperty("verification").GetProperty("valid").GetBoolean());
    }

    [Theory]
    [InlineData("""{"nonce": "xyz"}""", HttpStatusCode.BadRequest, "InvalidArgument")]
    [InlineData("""{"userData": 5}""", HttpStatusCode.BadRequest, "InvalidArgument")]
    [InlineData("""{"public_key": "00"}""", HttpStatusCode.BadRequest, "InvalidArgument")]
    public async Task A_bad_attestation_body_is_refused(string body, HttpStatusCode status, string errorCode)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.PostRawAsync("/api/attestation", body);

        // Assert
        await ApiAssert.ProblemAsync(response, status, errorCode);
    }

    [Fact]
    public async Task A_field_over_1024_bytes_is_413_InputTooLarge()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.PostJsonAsync("/api/attestation", new { userData = Convert.ToHexString(new byte[1025]) });

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "InputTooLarge");
    }

    [Theory]
    [InlineData("base64")]
    [InlineData("hex")]
    public async Task A_real_AWS_document_verifies_at_its_own_time(string encoding)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var bytes = AwsVectors.Nitrite;
        var document = encoding == "hex" ? Convert.ToHexString(bytes) : Convert.ToBase64String(bytes);

        // Act
        var result = await ApiAssert.OkAsync(await client.PostJsonAsync(
            "/api/attestation/verify", new { document, at = NitriteTimestamp, root = "aws" }));

        // Assert
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("rootedInAws").GetBoolean());
        Assert.Equal("Aws", result.GetProperty("trustRoot").GetProperty("kind").GetString());
        Assert.Equal("Specified", result.GetProperty("validationTimeKind").GetString());
        Assert.Equal(DateTimeOffset.Parse(NitriteTimestamp, System.Globalization.CultureInfo.InvariantCulture), result.GetProperty("validationTime").GetDateTimeOffset());
        Assert.Equal(5, result.GetProperty("certificates").GetArrayLength());
        Assert.Equal("Passed", Check(result, "CoseSignature").GetProperty("status").GetString());

        // Each check's reference is its section of the repository's verification notes.
        Assert.Equal("docs/attestation-verification.md#root-pinned", Check(result, "RootPinned").GetProperty("reference").GetString());
        Assert.All(
            result.GetProperty("checks").EnumerateArray(),
            c => Assert.StartsWith("docs/attestation-verification.md#", c.GetProperty("reference").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task By_default_an_old_document_is_checked_now_and_the_answer_says_how_to_check_it_at_its_own_time()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var document = Convert.ToBase64String(AwsVectors.Evervault);

        // Act
        var byDefault = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new { document }));
        var now = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new { document, at = "now" }));
        var byDocument = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new { document, at = "document" }));

        // Assert: now, as nsm verify does: expired, with the time at which it was valid
        Assert.False(byDefault.GetProperty("valid").GetBoolean());
        Assert.Equal("Now", byDefault.GetProperty("validationTimeKind").GetString());
        Assert.Equal("CertificateExpired", byDefault.GetProperty("failure").GetString());
        Assert.Contains("2022-10-13T08:58:02.136Z", byDefault.GetProperty("validationAdvice").GetString(), StringComparison.Ordinal);
        Assert.Equal("CertificateExpired", now.GetProperty("failure").GetString());
        Assert.True(byDocument.GetProperty("valid").GetBoolean());
        Assert.Equal("DocumentTimestamp", byDocument.GetProperty("validationTimeKind").GetString());
        Assert.Equal(JsonValueKind.Null, byDocument.GetProperty("validationAdvice").ValueKind);
    }

    [Fact]
    public async Task A_real_AWS_document_verifies_on_an_emulated_dashboard_with_no_root_given()
    {
        // Arrange: this dashboard runs on the emulator, whose root it trusts beside AWS's.
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var document = Convert.ToBase64String(AwsVectors.Nitrite);

        // Act
        var result = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new { document, at = "document" }));

        // Assert: AWS chosen because the document's cabundle[0] is the AWS root, and the answer says so
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("rootedInAws").GetBoolean());
        Assert.Equal("Aws", result.GetProperty("trustRoot").GetProperty("kind").GetString());
        Assert.Contains("cabundle[0] is the AWS Nitro Enclaves Root G1", result.GetProperty("rootChoice").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_AWS_document_against_the_emulator_root_is_an_untrusted_root_not_an_error()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var document = Convert.ToBase64String(AwsVectors.Nitrite);

        // Act: the emulator root named on purpose
        var explicitRoot = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new { document, root = "emulator", at = NitriteTimestamp }));

        // Assert
        Assert.Equal("UntrustedRoot", explicitRoot.GetProperty("failure").GetString());
        Assert.False(explicitRoot.GetProperty("rootedInAws").GetBoolean());
        Assert.Equal(JsonValueKind.Null, explicitRoot.GetProperty("rootChoice").ValueKind);
    }

    [Fact]
    public async Task A_PEM_root_is_pinned_and_the_AWS_PEM_counts_as_AWS()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var document = Convert.ToBase64String(AwsVectors.Nitrite);
        var pem = AwsVectors.AwsRootPem;

        // Act
        var result = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new { document, root = pem, at = NitriteTimestamp }));

        // Assert
        Assert.True(result.GetProperty("rootedInAws").GetBoolean());
    }

    [Fact]
    public async Task Expected_PCRs_as_one_set_or_named_sets_are_checked()
    {
        // Arrange: the production document's PCR0, from the document itself.
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var bytes = AwsVectors.Evervault;
        var pcr0 = Convert.ToHexStringLower(AttestationDocument.Decode(bytes).Pcrs![0].Span);
        var other = new string('1', 96);
        var document = Convert.ToBase64String(bytes);

        // Act
        var match = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new
        {
            document, root = "aws", at = "document", expectedPcrs = new Dictionary<string, object> { ["0"] = pcr0 },
        }));
        var namedMatch = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new
        {
            document, root = "aws", at = "document", expectedPcrs = new Dictionary<string, object>
            {
                ["release-41"] = new Dictionary<string, string> { ["0"] = other },
                ["release-42"] = new Dictionary<string, string> { ["PCR0"] = pcr0 },
            },
        }));
        var mismatch = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new
        {
            document, root = "aws", at = "document", expectedPcrs = new Dictionary<string, object> { ["0"] = other, ["release-41"] = new Dictionary<string, string> { ["0"] = other } },
        }));

        // Assert
        Assert.True(match.GetProperty("valid").GetBoolean(), match.ToString());
        Assert.Equal("Passed", Check(match, "ExpectedPcrs").GetProperty("status").GetString());
        Assert.True(namedMatch.GetProperty("valid").GetBoolean());
        Assert.Contains("release-42", Check(namedMatch, "ExpectedPcrs").ToString(), StringComparison.Ordinal);
        Assert.Equal("PcrMismatch", mismatch.GetProperty("failure").GetString());
    }

    [Fact]
    public async Task Bytes_that_are_not_a_document_are_a_verdict_with_the_decode_error()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var result = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation/verify", new { document = "a0b1c2" }));

        // Assert
        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.Equal("Malformed", result.GetProperty("failure").GetString());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("decodeError").GetString()));
    }

    [Theory]
    [InlineData("""{}""", "document")]
    [InlineData("""{"document": "***"}""", "document")]
    [InlineData("""{"document": "a0b1", "at": "yesterday"}""", "at")]
    [InlineData("""{"document": "a0b1", "at": "auto"}""", "default is now")]
    [InlineData("""{"document": "a0b1", "at": "document"}""", "timestamp")]
    [InlineData("""{"document": "a0b1", "root": "gcp"}""", "root")]
    [InlineData("""{"document": "a0b1", "root": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"}""", "root")]
    [InlineData("""{"document": "a0b1", "expectedPcrs": {"0": "zz"}}""", "'0': the value is not hex: 'z' at position 1")]
    [InlineData("""{"document": "a0b1", "expectedPcrs": {"0": "00"}}""", "48")]
    [InlineData("""{"document": "a0b1", "expectedPcrs": {"x": "00"}}""", "expectedPcrs")]
    [InlineData("""{"document": "a0b1", "expectedPcrs": {"0": 1}}""", "expectedPcrs.0")]
    [InlineData("""{"document": "a0b1", "expectedPcrs": {"set": {}}}""", "at least one")]
    [InlineData("""{"document": "a0b1", "expectedPcrs": {"set": {"40": "00"}}}""", "0–31")]
    [InlineData("""{"document": "a0b1", "expectedNonce": "q"}""", "expectedNonce")]
    [InlineData("""{"document": "a0b1", "document2": "a0b1"}""", "member")]
    public async Task A_bad_verify_body_is_400_naming_the_member(string body, string detail)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.PostRawAsync("/api/attestation/verify", body);

        // Assert
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_in_an_expected_pcr_is_a_typed_400()
    {
        // Found by the API fuzz run: string contents are decoded only when read, which threw (a 500).
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        using var body = new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes("{\"document\": \"a0b1\", \"expectedPcrs\": {\"0\": \"\u00ff00\"}}"));
        body.Headers.ContentType = new("application/json");

        var problem = await ApiAssert.ProblemAsync(await client.PostAsync("/api/attestation/verify", body, Ct), HttpStatusCode.BadRequest, "InvalidArgument");

        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulator_root_cannot_be_named_on_a_device()
    {
        // Arrange
        using var emulator = new Nsm.Emulator.NsmEmulator();
        await using var api = new ApiFactory(new DeviceLikeTransport(emulator));
        using var client = api.CreateClient();

        // Act
        var response = await client.PostJsonAsync("/api/attestation/verify", new { document = "a0b1", root = "emulator" });

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
    }

    private static JsonElement Check(JsonElement verification, string id) =>
        verification.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
}
