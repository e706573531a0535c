using Microsoft.Playwright;
using NsmDashboard.Attestation;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Features.Attestation;

public sealed class AttestationTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task Requesting_a_document_in_the_browser_passes_every_check_against_the_emulator_root() => RunTestAsync(async page =>
    {
        // Arrange
        var attestation = new AttestationPage(page);
        await attestation.OpenAttestationAsync();
        var nonce = await page.Locator("[data-testid=generated-nonce]").GetAttributeAsync("data-value");

        // Act
        await page.Locator("[data-testid=request-attestation]").ClickAsync();

        // Assert
        await Assertions.Expect(attestation.Verdict).ToHaveAttributeAsync("data-valid", "true");
        await Assertions.Expect(attestation.TrustRootLabel).ToHaveTextAsync("Emulator root — NOT AWS");
        await Assertions.Expect(attestation.Checks).ToHaveCountAsync(AttestationChecks.All.Count);
        var statuses = await attestation.CheckStatusesAsync();
        Assert.DoesNotContain("Failed", statuses);
        Assert.DoesNotContain("Skipped", statuses);
        foreach (var id in (string[])["CoseStructure", "Algorithm", "ChainPath", "RootPinned", "Validity", "ChainSignatures", "CoseSignature", "ExpectedNonce"])
        {
            await Assertions.Expect(attestation.Check(id)).ToHaveAttributeAsync("data-status", "Passed");
        }

        await Assertions.Expect(page.Locator("[data-testid=field-nonce] [data-testid=field-hex]")).ToHaveAttributeAsync("data-value", nonce!);
        await Assertions.Expect(page.Locator("[data-testid=chain-certificate]")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("[data-testid=pcr-live-different]")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task The_downloaded_cbor_is_the_document_shown() => RunTestAsync(async page =>
    {
        // Arrange
        var attestation = new AttestationPage(page);
        await attestation.OpenAttestationAsync();
        await page.Locator("[data-testid=request-attestation]").ClickAsync();
        await Assertions.Expect(attestation.Verdict).ToHaveAttributeAsync("data-valid", "true");

        // Act
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-cbor]").ClickAsync());
        var path = await download.PathAsync();

        // Assert
        Assert.EndsWith(".cbor", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        var document = AttestationDocument.Decode(bytes);
        await Assertions.Expect(page.Locator("[data-testid=doc-sha256]")).ToHaveAttributeAsync(
            "data-value", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        Assert.Equal(await page.Locator("[data-testid=doc-module-id] .hex-value").GetAttributeAsync("data-value"), document.ModuleId);
    });

    [Fact]
    public Task Oversized_user_data_is_refused_before_anything_is_sent() => RunTestAsync(async page =>
    {
        // Arrange
        var attestation = new AttestationPage(page);
        await attestation.OpenAttestationAsync();
        await page.Locator("[data-testid=user-data-mode] .mud-toggle-item", new() { HasText = "Hex" }).ClickAsync();

        // Act
        await page.Locator("[data-testid=user-data-input]").FillAsync(new string('a', 2 * 1025));

        // Assert
        await Assertions.Expect(page.GetByText("1025 bytes is too large: the NSM takes at most 1024 bytes per field.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=request-attestation]")).ToBeDisabledAsync();
    });
}
