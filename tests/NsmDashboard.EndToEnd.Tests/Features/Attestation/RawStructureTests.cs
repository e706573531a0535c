using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Features.Attestation;

/// <summary>
/// Inspect in the browser with real documents nobody here wrote: a NitroTPM document (EC2 instance attestation)
/// verified at its own time, and the raw structure view of it and of a 2025 enclave document.
/// </summary>
public sealed class RawStructureTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    private const string NitroTpm = "nitrotpm-vaportpm-2026-02-02.cbor";
    private const string Indefinite2025 = "fastcrypto-2025-11-10-indefinite-pcr16.cbor";

    [Fact]
    public Task A_real_nitrotpm_document_verifies_at_its_own_time_with_its_kind_and_tpm_pcrs() => RunTestAsync(async page =>
    {
        // Arrange
        var inspect = new AttestationPage(page);
        await inspect.OpenInspectAsync();
        await inspect.CheckAtDocumentTimeAsync();

        // Act
        await inspect.PasteAndVerifyAsync(Convert.ToBase64String(AwsVectors.Read(NitroTpm)));

        // Assert
        await Assertions.Expect(inspect.Verdict).ToHaveAttributeAsync("data-valid", "true");
        await Assertions.Expect(inspect.TrustRootLabel).ToHaveTextAsync("AWS Nitro Enclaves Root G1");
        await Assertions.Expect(page.Locator("[data-testid=validation-at]")).ToHaveTextAsync("2026-02-02 07:28:28.379 UTC");
        await Assertions.Expect(page.Locator("[data-testid=doc-kind]")).ToHaveAttributeAsync("data-kind", "NitroTpm");
        await Assertions.Expect(inspect.Check("DocumentKind")).ToHaveAttributeAsync("data-status", "Passed");
        Assert.DoesNotContain("Failed", await inspect.CheckStatusesAsync());
        await Assertions.Expect(page.Locator("[data-testid=pcr-compare-row]")).ToHaveCountAsync(24);
        await Assertions.Expect(page.Locator("[data-testid=pcr-compare-row][data-index='7'] [data-testid=pcr-meaning]")).ToHaveTextAsync("Secure Boot policy");
    });

    [Fact]
    public Task The_raw_view_shows_why_another_parser_may_refuse_a_nitrotpm_document() => RunTestAsync(async page =>
    {
        // Arrange
        var inspect = new AttestationPage(page);
        await inspect.OpenInspectAsync();

        // Act
        await inspect.PasteAndVerifyAsync(Convert.ToHexStringLower(AwsVectors.Read(NitroTpm)));

        // Assert
        var raw = page.Locator("[data-testid=raw-structure]");
        await Assertions.Expect(raw).ToBeVisibleAsync();
        await Assertions.Expect(raw.Locator("[data-testid=raw-tag]")).ToHaveAttributeAsync("data-tagged", "false");
        await Assertions.Expect(raw.Locator("[data-testid=raw-payload-map]")).ToHaveAttributeAsync("data-indefinite", "true");
        await Assertions.Expect(raw.Locator("[data-testid=raw-key-order]")).ToHaveAttributeAsync("data-deterministic", "false");
        await Assertions.Expect(raw.Locator("[data-testid=raw-field]").Nth(3)).ToHaveAttributeAsync("data-key", "nitrotpm_pcrs");
        await Assertions.Expect(raw.Locator("[data-testid=raw-field][data-key=nitrotpm_pcrs]")).ToContainTextAsync("24 × bstr 48");
        await Assertions.Expect(raw.Locator("[data-testid=raw-cabundle-entry][data-root=true]")).ToHaveAttributeAsync("data-index", "0");
        await Assertions.Expect(raw.Locator("[data-testid=raw-signature]")).ToHaveAttributeAsync("data-s-form", "low");
    });

    [Fact]
    public Task The_raw_view_of_a_2025_enclave_document_shows_its_indefinite_map_and_high_s() => RunTestAsync(async page =>
    {
        // Arrange
        var inspect = new AttestationPage(page);
        await inspect.OpenInspectAsync();
        await inspect.CheckAtDocumentTimeAsync();

        // Act
        await inspect.PasteAndVerifyAsync(Convert.ToBase64String(AwsVectors.Read(Indefinite2025)));

        // Assert
        await Assertions.Expect(inspect.Verdict).ToHaveAttributeAsync("data-valid", "true");
        await Assertions.Expect(page.Locator("[data-testid=doc-kind]")).ToHaveAttributeAsync("data-kind", "NitroEnclave");
        var raw = page.Locator("[data-testid=raw-structure]");
        await Assertions.Expect(raw.Locator("[data-testid=raw-payload-map]")).ToHaveAttributeAsync("data-indefinite", "true");
        await Assertions.Expect(raw.Locator("[data-testid=raw-s-form]")).ToHaveAttributeAsync("data-s-form", "high");
        await Assertions.Expect(raw.Locator("[data-testid=raw-signature]")).ToContainTextAsync("high-S");
        await Assertions.Expect(raw.Locator("[data-testid=raw-field][data-key=pcrs]")).ToContainTextAsync("17 × bstr 48");
    });
}
