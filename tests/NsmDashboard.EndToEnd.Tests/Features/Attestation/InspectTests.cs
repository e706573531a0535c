using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Features.Attestation;

public sealed class InspectTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task A_pasted_real_document_fails_now_and_verifies_at_its_own_time_under_the_AWS_root() => RunTestAsync(async page =>
    {
        // Arrange
        var inspect = new AttestationPage(page);
        await inspect.OpenInspectAsync();

        // Act: checked now (the default), then at its own time from the advice
        await inspect.PasteAndVerifyAsync(Convert.ToBase64String(AwsVectors.Evervault));
        await Assertions.Expect(page.Locator("[data-testid=verdict-failure]")).ToContainTextAsync("CertificateExpired");
        await Assertions.Expect(page.Locator("[data-testid=expired-advice]")).ToContainTextAsync("2022-10-13T08:58:02.136Z");
        await page.Locator("[data-testid=verify-at-document-time]").ClickAsync();

        // Assert
        await Assertions.Expect(inspect.Verdict).ToHaveAttributeAsync("data-valid", "true");
        await Assertions.Expect(inspect.TrustRootLabel).ToHaveTextAsync("AWS Nitro Enclaves Root G1");
        await Assertions.Expect(page.Locator("[data-testid=validation-time]")).ToHaveAttributeAsync("data-kind", "DocumentTimestamp");
        await Assertions.Expect(page.Locator("[data-testid=validation-at]")).ToHaveTextAsync("2022-10-13 08:58:02.136 UTC");
        await Assertions.Expect(page.Locator("[data-testid=validation-explanation]")).ToContainTextAsync("The document's own timestamp");
        Assert.DoesNotContain("Failed", await inspect.CheckStatusesAsync());
        await Assertions.Expect(page.Locator("[data-testid=field-public-key]")).ToHaveAttributeAsync("data-kind", "null");
    });

    [Fact]
    public Task A_tampered_document_fails_with_its_signature_check() => RunTestAsync(async page =>
    {
        // Arrange: one byte of the COSE signature flipped.
        var tampered = AwsVectors.Evervault;
        tampered[^10] ^= 0x01;
        var inspect = new AttestationPage(page);
        await inspect.OpenInspectAsync();
        await inspect.CheckAtDocumentTimeAsync();

        // Act
        await inspect.PasteAndVerifyAsync(Convert.ToBase64String(tampered));

        // Assert
        await Assertions.Expect(inspect.Verdict).ToHaveAttributeAsync("data-valid", "false");
        await Assertions.Expect(page.Locator("[data-testid=verdict-failure]")).ToContainTextAsync("SignatureInvalid");
        await Assertions.Expect(inspect.Check("CoseSignature")).ToHaveAttributeAsync("data-status", "Failed");
        await Assertions.Expect(inspect.Check("ChainSignatures")).ToHaveAttributeAsync("data-status", "Passed");
    });

    [Fact]
    public Task Text_that_is_not_a_document_shows_a_message_and_the_page_stays_alive() => RunTestAsync(async page =>
    {
        // Arrange
        var inspect = new AttestationPage(page);
        await inspect.OpenInspectAsync();
        await inspect.CheckAtDocumentTimeAsync();

        // Act
        await inspect.PasteAndVerifyAsync("definitely not a document!");
        var error = page.Locator("[data-testid=input-error]");
        await Assertions.Expect(error).ToContainTextAsync("Format not recognised");

        // Assert: the circuit still works — a real document verifies next.
        await inspect.PasteAndVerifyAsync(Convert.ToHexStringLower(AwsVectors.Nitrite));
        await Assertions.Expect(inspect.Verdict).ToHaveAttributeAsync("data-valid", "true");
        await Assertions.Expect(error).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=pcr-debug-note]")).ToBeVisibleAsync();
    });
}
