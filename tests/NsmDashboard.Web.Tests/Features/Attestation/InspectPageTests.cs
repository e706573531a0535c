using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Attestation;

public sealed class InspectPageTests : NsmDashboardTestContext
{
    private IRenderedComponent<InspectPage> RenderWithPaste(string text)
    {
        RenderProviders();
        var page = Render<InspectPage>();
        page.Find("[data-testid=document-text]").Input(text);
        return page;
    }

    // The time-mode toggle: Now, Document time, Specific.
    private static void CheckAtDocumentTime(IRenderedComponent<InspectPage> page) =>
        page.FindAll("[data-testid=time-mode] .mud-toggle-item")[1].Click();

    [Fact]
    public void An_old_document_is_checked_now_by_default_fails_plainly_and_can_be_checked_at_its_own_time()
    {
        // Arrange: base64 wrapped over lines, as a terminal would paste it.
        var base64 = string.Join("\n", Convert.ToBase64String(AwsVectors.Nitrite).Chunk(76).Select(c => new string(c)));
        var page = RenderWithPaste(base64);

        // Act
        page.Find("[data-testid=verify]").Click();

        // Assert: now, under the AWS root its cabundle[0] is; expired, with the advice naming its own time
        page.WaitForElement("[data-testid=verdict]");
        Assert.Equal("false", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Equal("Now", page.Find("[data-testid=validation-time]").GetAttribute("data-kind"));
        Assert.Contains("CertificateExpired", page.Find("[data-testid=verdict-failure]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2021-10-28T17:02:02.077Z", page.Find("[data-testid=expired-advice]").TextContent, StringComparison.Ordinal);
        Assert.Contains("cabundle[0] is the AWS Nitro Enclaves Root G1", page.Find("[data-testid=root-choice-explanation]").TextContent, StringComparison.Ordinal);
        Assert.Contains("read as base64: 4479 bytes", page.Markup, StringComparison.Ordinal);

        // Act: the advice's button checks it at its own time
        page.Find("[data-testid=verify-at-document-time]").Click();

        // Assert
        Assert.Equal("true", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Equal("DocumentTimestamp", page.Find("[data-testid=validation-time]").GetAttribute("data-kind"));
        Assert.Equal("2021-10-28 17:02:02.077 UTC", page.Find("[data-testid=validation-at]").TextContent);
        Assert.Contains("The document's own timestamp", page.Find("[data-testid=validation-explanation]").TextContent, StringComparison.Ordinal);
        Assert.Equal("AWS Nitro Enclaves Root G1", page.Find("[data-testid=trust-root-label]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=expired-advice]"));
    }

    [Fact]
    public void Hex_input_with_spaces_is_accepted()
    {
        // Arrange
        var hex = string.Join(" ", Convert.ToHexStringLower(AwsVectors.Evervault).Chunk(64).Select(c => new string(c)));
        var page = RenderWithPaste(hex);
        CheckAtDocumentTime(page);

        // Act
        page.Find("[data-testid=verify]").Click();

        // Assert
        page.WaitForElement("[data-testid=verdict]");
        Assert.Equal("true", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Contains("Read as hex: 4654 bytes of CBOR.", page.Find("[data-testid=detected-format]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_neither_base64_nor_hex_shows_an_error_naming_the_problem()
    {
        // Arrange
        var page = RenderWithPaste("this is not a document!");

        // Act
        page.Find("[data-testid=verify]").Click();

        // Assert
        var error = page.Find("[data-testid=input-error]");
        Assert.Contains("Format not recognised (read as base64)", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("'!' at offset 22 is neither hex nor base64", error.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=verdict]"));
    }

    [Fact]
    public void Base64_of_bytes_that_are_not_a_document_shows_the_decode_error_with_byte_and_field()
    {
        // Arrange: a truncated real document.
        var page = RenderWithPaste(Convert.ToBase64String(AwsVectors.Nitrite.AsSpan(0, 200)));

        // Act
        page.Find("[data-testid=verify]").Click();

        // Assert
        var error = page.Find("[data-testid=decode-error]");
        Assert.Matches(@"Decode error at byte \d+ in ", error.TextContent);
        Assert.Equal("false", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Contains("Malformed", page.Find("[data-testid=verdict-failure]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_document_is_invalid_with_the_failed_check_named()
    {
        // Arrange
        var page = RenderWithPaste(Convert.ToBase64String(AwsVectors.WithSignatureByteFlipped(AwsVectors.Evervault)));
        CheckAtDocumentTime(page);

        // Act
        page.Find("[data-testid=verify]").Click();

        // Assert
        Assert.Equal("false", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Contains("SignatureInvalid", page.Find("[data-testid=verdict-failure]").TextContent, StringComparison.Ordinal);
        Assert.Contains("COSE signature with the leaf key", page.Find("[data-testid=verdict-reason]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_emulator_document_checked_against_AWS_offers_the_emulator_root()
    {
        // Arrange: AWS named on purpose (the automatic choice would take the emulator's root)
        var outcome = await Services.GetRequiredService<AttestationService>()
            .RequestAsync(new AttestationRequest(), OtherOperator, TestContext.Current.CancellationToken);
        var page = RenderWithPaste(outcome.Base64);
        page.FindAll("[data-testid=root-choice] .mud-toggle-item")[1].Click();

        // Act
        page.Find("[data-testid=verify]").Click();
        var failure = page.Find("[data-testid=verdict-failure]").TextContent;
        page.Find("[data-testid=use-suggested-root]").Click();

        // Assert
        Assert.Contains("UntrustedRoot", failure, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Equal("Emulator root — NOT AWS", page.Find("[data-testid=verdict] [data-testid=trust-root-label]").TextContent);
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("text")]
    public void An_uploaded_file_is_read_as_raw_CBOR_or_as_text(string kind)
    {
        // Arrange
        RenderProviders();
        var page = Render<InspectPage>();
        page.FindAll("[data-testid=document-source] .mud-toggle-item")[1].Click();
        var content = kind == "raw"
            ? InputFileContent.CreateFromBinary(AwsVectors.Nitrite, "document.cbor")
            : InputFileContent.CreateFromText(Convert.ToBase64String(AwsVectors.Nitrite) + "\n", "document.b64");

        CheckAtDocumentTime(page);

        // Act
        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(content);
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=verify]").HasAttribute("disabled")));
        page.Find("[data-testid=verify]").Click();

        // Assert
        Assert.Equal("true", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Contains(kind == "raw" ? "read as raw CBOR: 4479 bytes" : "read as base64: 4479 bytes", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_stays_disabled_until_a_document_is_given_and_the_options_are_valid()
    {
        // Arrange
        RenderProviders();
        var page = Render<InspectPage>();

        // Assert
        Assert.True(page.Find("[data-testid=verify]").HasAttribute("disabled"));
        page.Find("[data-testid=document-text]").Input(Convert.ToBase64String(AwsVectors.Nitrite));
        Assert.False(page.Find("[data-testid=verify]").HasAttribute("disabled"));
        page.Find("[data-testid=expected-nonce]").Input("abc");
        Assert.True(page.Find("[data-testid=verify]").HasAttribute("disabled"));
        Assert.Contains("odd number", page.Markup, StringComparison.Ordinal);
    }
}
