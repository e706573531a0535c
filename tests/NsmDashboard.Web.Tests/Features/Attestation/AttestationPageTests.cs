using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Attestation;

public sealed class AttestationPageTests : NsmDashboardTestContext
{
    [Fact]
    public void Requesting_shows_a_valid_document_under_the_emulator_root_with_live_PCRs()
    {
        // Arrange
        RenderProviders();
        var page = Render<AttestationPage>();
        var nonce = page.Find("[data-testid=generated-nonce]").GetAttribute("data-value");

        // Act
        page.Find("[data-testid=request-attestation]").Click();

        // Assert
        page.WaitForElement("[data-testid=attestation-result]");
        Assert.Equal("true", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Equal("Emulator root — NOT AWS", page.Find("[data-testid=verdict] [data-testid=trust-root-label]").TextContent);
        Assert.Equal(nonce, page.Find("[data-testid=field-nonce] [data-testid=field-hex]").GetAttribute("data-value"));
        Assert.Equal("null", page.Find("[data-testid=field-public-key]").GetAttribute("data-kind"));
        Assert.NotEmpty(page.FindAll("[data-testid=pcr-live-equal]"));
        Assert.Empty(page.FindAll("[data-testid=pcr-live-different]"));
        Assert.All(page.FindAll("[data-testid=check]"), c => Assert.NotEqual("Failed", c.GetAttribute("data-status")));
        Assert.Equal("Passed", page.Find("[data-check=ExpectedNonce]").GetAttribute("data-status"));

        // A used nonce is replaced for the next request.
        Assert.NotEqual(nonce, page.Find("[data-testid=generated-nonce]").GetAttribute("data-value"));
    }

    [Fact]
    public void Text_user_data_reaches_the_document_and_is_shown_as_UTF8()
    {
        // Arrange
        RenderProviders();
        var page = Render<AttestationPage>();
        page.FindAll("[data-testid=user-data-mode] .mud-toggle-item")[1].Click();
        page.Find("[data-testid=user-data-input]").Input("operator check 42");

        // Act
        page.Find("[data-testid=request-attestation]").Click();

        // Assert
        page.WaitForElement("[data-testid=attestation-result]");
        Assert.Equal("operator check 42", page.Find("[data-testid=field-user-data] [data-testid=field-utf8]").TextContent);
    }

    [Fact]
    public void Oversized_user_data_is_refused_in_the_form_before_anything_is_sent()
    {
        // Arrange
        RenderProviders();
        var page = Render<AttestationPage>();
        page.FindAll("[data-testid=user-data-mode] .mud-toggle-item")[2].Click();

        // Act
        page.Find("[data-testid=user-data-input]").Input(new string('a', 2 * 1025));

        // Assert
        Assert.Contains("1025 bytes is too large: the NSM takes at most 1024 bytes per field.", page.Markup, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=request-attestation]").HasAttribute("disabled"));
        Assert.NotNull(page.Find("[data-testid=form-invalid]"));
    }

    [Fact]
    public void A_private_key_pasted_as_public_key_is_refused()
    {
        // Arrange
        RenderProviders();
        var page = Render<AttestationPage>();
        page.FindAll("[data-testid=public-key-mode] .mud-toggle-item")[1].Click();
        using var key = System.Security.Cryptography.ECDsa.Create();

        // Act
        page.Find("[data-testid=public-key-pem]").Input(key.ExportPkcs8PrivateKeyPem());

        // Assert
        Assert.Contains("Never paste a private key here", page.Markup, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=request-attestation]").HasAttribute("disabled"));
    }
}
