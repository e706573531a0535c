using System.Text.Json.Nodes;
using NsmDashboard.Attestation;
using NsmDashboard.Kms.Tests;
using NsmDashboard.Web.Features.Kms;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Kms;

public sealed class KmsPageTests : NsmDashboardTestContext
{
    private static readonly byte[] Secret = "the data key KMS would release"u8.ToArray();

    private static string Policy(string statementJson) =>
        new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(JsonNode.Parse(statementJson)) }.ToJsonString();

    private IRenderedComponent<KmsPage> GenerateFromLive()
    {
        var page = Render<KmsPage>();
        page.Find("[data-testid=generate-run]").Click();
        page.WaitForElement("[data-testid=generate-result]");
        return page;
    }

    [Fact]
    public async Task Generate_from_this_enclave_pins_its_live_pcr0_1_2()
    {
        // Arrange
        var pcr0 = Convert.ToHexStringLower((await ReadPcrAsync(0)).Value.Span);

        // Act
        var page = GenerateFromLive();

        // Assert
        var condition = page.Find("[data-testid=generate-condition]").TextContent;
        Assert.Contains($"\"kms:RecipientAttestation:PCR0\": \"{pcr0}\"", condition, StringComparison.Ordinal);
        Assert.Contains("kms:RecipientAttestation:PCR2", condition, StringComparison.Ordinal);
        Assert.Contains("\"kms:Decrypt\"", page.Find("[data-testid=generate-statement]").TextContent, StringComparison.Ordinal);
        Assert.Contains("kms:GenerateRandom", page.Find("[data-testid=generate-iam-statement]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_reports_a_bad_pcr_list_on_the_field()
    {
        var page = Render<KmsPage>();
        page.Find("[data-testid=generate-pcrs]").Input("0,x");

        page.Find("[data-testid=generate-run]").Click();

        Assert.Contains("'x' is not a PCR number", page.WaitForElement("[data-testid=generate-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generated_policy_passes_against_this_enclave_and_one_changed_value_is_flagged()
    {
        // Arrange: the statement the Generate tab made, pasted into the Check tab.
        var page = GenerateFromLive();
        var statement = page.Find("[data-testid=generate-statement]").TextContent;

        // Act
        page.Find("[data-testid=check-policy]").Input(Policy(statement));
        page.Find("[data-testid=check-run]").Click();

        // Assert
        var verdict = page.WaitForElement("[data-testid=check-verdict]");
        Assert.Equal("true", verdict.GetAttribute("data-passed"));
        Assert.Contains("ALLOW kms:Decrypt", verdict.TextContent, StringComparison.Ordinal);

        // Act: one hex digit of PCR1 changed.
        var node = JsonNode.Parse(statement)!;
        var pcr1 = node["Condition"]!["StringEqualsIgnoreCase"]!["kms:RecipientAttestation:PCR1"]!.GetValue<string>();
        node["Condition"]!["StringEqualsIgnoreCase"]!["kms:RecipientAttestation:PCR1"] = (pcr1[0] == 'a' ? "b" : "a") + pcr1[1..];
        page.Find("[data-testid=check-policy]").Input(Policy(node.ToJsonString()));
        page.Find("[data-testid=check-run]").Click();

        // Assert
        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=check-verdict]").GetAttribute("data-passed")));
        var failed = page.Find("[data-outcome=Fails]");
        Assert.Equal("kms:RecipientAttestation:PCR1", failed.GetAttribute("data-key"));
        Assert.Contains("first difference at byte 0", failed.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unconditional_allow_is_flagged_as_a_bypass()
    {
        var page = GenerateFromLive();
        var statement = JsonNode.Parse(page.Find("[data-testid=generate-statement]").TextContent)!;
        var open = new JsonObject { ["Effect"] = "Allow", ["Principal"] = statement["Principal"]!.DeepClone(), ["Action"] = "kms:*", ["Resource"] = "*" };
        var policy = new JsonObject { ["Statement"] = new JsonArray(statement.DeepClone(), open) }.ToJsonString();

        page.Find("[data-testid=check-policy]").Input(policy);
        page.Find("[data-testid=check-run]").Click();

        page.WaitForElement("[data-testid=check-verdict]");
        Assert.NotEmpty(page.FindAll("[data-kind=GateBypassed][data-severity=Error]"));
    }

    [Fact]
    public void A_policy_that_is_not_json_is_refused_before_the_nsm_is_asked()
    {
        var page = Render<KmsPage>();
        page.Find("[data-testid=check-policy]").Input("{\"Statement\": [");

        page.Find("[data-testid=check-run]").Click();

        Assert.Contains("Not a policy: $: not valid JSON", page.WaitForElement("[data-testid=check-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Recipient_round_trip_opens_an_envelope_for_its_key_and_refuses_one_for_another()
    {
        // Arrange
        var page = Render<KmsPage>();

        // Act: key pair and document.
        page.Find("[data-testid=recipient-start]").Click();
        var base64 = page.WaitForElement("[data-testid=recipient-document-base64]").GetAttribute("data-value")!;
        var document = AttestationDocument.Decode(Convert.FromBase64String(base64));
        Assert.True(document.PublicKey.TryGetBytes(out var publicKey));
        Assert.Contains("KeyEncryptionAlgorithm=RSAES_OAEP_SHA_256,AttestationDocument=$(cat attestation-document.b64)",
            page.Find("[data-testid=recipient-command]").TextContent, StringComparison.Ordinal);

        // Act: an envelope made as KMS makes it, for the document's key.
        page.Find("[data-testid=recipient-ciphertext]").Input(Convert.ToBase64String(KmsEnvelopes.Indefinite(KmsEnvelopes.Make(publicKey, Secret))));
        page.Find("[data-testid=recipient-decrypt]").Click();

        // Assert: length and digests, never the secret.
        Assert.Equal(Secret.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), page.WaitForElement("[data-testid=recipient-length]").TextContent);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Secret)), page.Find("[data-testid=recipient-sha256]").TextContent);
        Assert.DoesNotContain("the data key KMS would release", page.Markup, StringComparison.Ordinal);

        // Act: an envelope for another key.
        using var other = NsmDashboard.Kms.RecipientKeyPair.Create();
        page.Find("[data-testid=recipient-ciphertext]").Input(Convert.ToBase64String(KmsEnvelopes.Make(other.SubjectPublicKeyInfo, Secret)));
        page.Find("[data-testid=recipient-decrypt]").Click();

        // Assert
        Assert.Contains("made for another public key", page.WaitForElement("[data-testid=recipient-decrypt-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=recipient-result]"));
    }

    [Fact]
    public void A_viewer_cannot_bind_a_key_and_is_told_why()
    {
        SignInAsViewer();

        var page = Render<KmsPage>();

        Assert.NotNull(page.Find("[data-testid=recipient-denied]"));
        Assert.True(page.Find("[data-testid=recipient-start]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_viewer_can_still_generate_from_this_enclave()
    {
        SignInAsViewer();

        var page = GenerateFromLive();

        Assert.Contains("kms:RecipientAttestation:PCR0", page.Find("[data-testid=generate-condition]").TextContent, StringComparison.Ordinal);
    }
}
