using MudBlazor;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Features.Attestation.DocumentView;
using NsmDashboard.Web.Features.Measurements;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Attestation;

/// <summary>Inspect with a real NitroTPM document: its kind, its PCRs with their TPM meanings, kind-aware expectations, the raw structure.</summary>
public sealed class NitroTpmInspectTests : NsmDashboardTestContext
{
    private IRenderedComponent<InspectPage> Inspect(byte[] document, Action<IRenderedComponent<InspectPage>>? arrange = null)
    {
        RenderProviders();
        var page = Render<InspectPage>();
        page.Find("[data-testid=document-text]").Input(Convert.ToBase64String(document));

        // Real documents are checked at their own time (Now is the default, and their certificates have expired).
        page.FindAll("[data-testid=time-mode] .mud-toggle-item")[1].Click();
        arrange?.Invoke(page);
        page.Find("[data-testid=verify]").Click();
        page.WaitForElement("[data-testid=verdict]");
        return page;
    }

    private static string CheckStatus(IRenderedComponent<InspectPage> page, AttestationCheckId id) =>
        page.Find($"[data-check={id}]").GetAttribute("data-status")!;

    [Fact]
    public void A_real_nitrotpm_document_verifies_at_its_own_time_and_shows_its_kind_and_tpm_pcrs()
    {
        // Act
        var page = Inspect(AwsVectors.Tpm);

        // Assert
        Assert.Equal("true", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Equal("2026-02-02 07:28:28.379 UTC", page.Find("[data-testid=validation-at]").TextContent);
        Assert.Equal("NitroTpm", page.Find("[data-testid=doc-kind]").GetAttribute("data-kind"));
        Assert.Contains("NitroTPM instance document", page.Find("[data-testid=verdict-title]").TextContent, StringComparison.Ordinal);
        var rows = page.FindAll("[data-testid=pcr-compare-row]");
        Assert.Equal(24, rows.Count);
        var pcr4 = page.Find("[data-testid=pcr-compare-row][data-index='4']");
        Assert.Equal("Boot loader / UKI", pcr4.QuerySelector("[data-testid=pcr-meaning]")!.TextContent.Trim());
        Assert.Equal("DRTM (unused)", page.Find("[data-testid=pcr-compare-row][data-index='17'] [data-testid=pcr-meaning]").TextContent.Trim());
        Assert.Contains("NitroTPM PCRs (nitrotpm_pcrs)", page.Find("[data-testid=pcrs-card]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=pcr-debug-note]"));
    }

    [Fact]
    public void The_raw_structure_shows_the_indefinite_map_the_key_order_and_the_root()
    {
        // Act
        var page = Inspect(AwsVectors.Tpm);

        // Assert
        var structure = page.Find("[data-testid=raw-structure]");
        Assert.Equal("false", structure.QuerySelector("[data-testid=raw-tag]")!.GetAttribute("data-tagged"));
        Assert.Equal("true", structure.QuerySelector("[data-testid=raw-payload-map]")!.GetAttribute("data-indefinite"));
        Assert.Equal("false", structure.QuerySelector("[data-testid=raw-key-order]")!.GetAttribute("data-deterministic"));
        Assert.Equal("low", structure.QuerySelector("[data-testid=raw-s-form]")!.GetAttribute("data-s-form"));
        Assert.Equal(
            ["module_id", "digest", "timestamp", "nitrotpm_pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce"],
            structure.QuerySelectorAll("[data-testid=raw-field]").Select(f => f.GetAttribute("data-key")));
        var tpm = structure.QuerySelector("[data-testid=raw-field][data-key=nitrotpm_pcrs]")!;
        Assert.Equal(("map", "true"), (tpm.GetAttribute("data-type"), tpm.GetAttribute("data-known")));
        Assert.Contains("24 × bstr 48", tpm.TextContent, StringComparison.Ordinal);
        Assert.Equal(0xb8, AwsVectors.Tpm[int.Parse(tpm.GetAttribute("data-offset")!, System.Globalization.CultureInfo.InvariantCulture)]);
        var roots = structure.QuerySelectorAll("[data-testid=raw-cabundle-entry]");
        Assert.Equal(["true", "false", "false", "false"], roots.Select(r => r.GetAttribute("data-root")));
    }

    [Fact]
    public void An_enclave_document_shows_a_definite_map_and_a_debug_note()
    {
        // Act
        var page = Inspect(AwsVectors.Nitrite);

        // Assert
        Assert.Equal("NitroEnclave", page.Find("[data-testid=doc-kind]").GetAttribute("data-kind"));
        Assert.Equal("false", page.Find("[data-testid=raw-payload-map]").GetAttribute("data-indefinite"));
        Assert.Equal("Instance ID", page.Find("[data-testid=pcr-compare-row][data-index='4'] [data-testid=pcr-meaning]").TextContent.Trim());
        Assert.NotEmpty(page.FindAll("[data-testid=pcr-debug-note]"));
    }

    [Fact]
    public void Expected_pcrs_address_the_tpm_pcrs_of_a_nitrotpm_document()
    {
        // Act
        var page = Inspect(AwsVectors.Tpm, p => p.Find("[data-testid=expected-pcrs]").Input("4=" + AwsVectors.TpmPcr4));

        // Assert
        Assert.Equal("true", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Equal("Passed", CheckStatus(page, AttestationCheckId.ExpectedPcrs));
        Assert.Contains("nitrotpm_pcrs", page.Find($"[data-check={AttestationCheckId.ExpectedPcrs}]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=pcr-compare-row][data-index='4'] [data-testid=pcr-expected-match]"));
    }

    [Fact]
    public void Expecting_an_enclave_fails_a_nitrotpm_document_for_its_kind()
    {
        // Act
        var page = Inspect(AwsVectors.Tpm, p =>
        {
            var kind = p.FindComponent<MudToggleGroup<ExpectedKindChoice>>();
            p.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(ExpectedKindChoice.NitroEnclave));
        });

        // Assert
        Assert.Equal("false", page.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Contains("PolicyKindMismatch", page.Find("[data-testid=verdict-failure]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Failed", CheckStatus(page, AttestationCheckId.ExpectedKind));
        Assert.Equal("Passed", CheckStatus(page, AttestationCheckId.CoseSignature));
    }

    [Fact]
    public void Stored_sets_mark_only_pcrs_of_their_own_kind()
    {
        // Arrange: an enclave set and a NitroTPM set that both name PCR4 with the document's NitroTPM PCR4.
        var store = Services.GetRequiredService<ExpectedMeasurementStore>();
        var value = Convert.FromHexString(AwsVectors.TpmPcr4);
        store.Add(new ExpectedPcrSet("enclave-release", [new(4, value)]), ExpectedMeasurementSet.ManualSource);
        store.Add(new ExpectedPcrSet("ami-7", AttestationDocumentKind.NitroTpm, [new(4, value)]), ExpectedMeasurementSet.ManualSource);

        // Act
        var page = Inspect(AwsVectors.Tpm);

        // Assert
        var badge = page.Find("[data-testid=pcr-compare-row][data-index='4'] [data-testid=measurement-badge]");
        Assert.Equal("Matches", badge.GetAttribute("data-kind"));
        Assert.Contains("ami-7", badge.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("enclave-release", badge.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_set_of_the_other_kind_is_named_and_not_compared()
    {
        // Arrange
        var document = AttestationDocument.Decode(AwsVectors.Tpm);
        ExpectedPcrSet[] sets = [new ExpectedPcrSet("enclave-release", [new(4, document.NitroTpmPcrs![4])])];

        // Act
        var table = Render<PcrComparisonTable>(p => p
            .Add(c => c.DocumentPcrs, document.NitroTpmPcrs)
            .Add(c => c.Kind, AttestationDocumentKind.NitroTpm)
            .Add(c => c.ExpectedSets, sets));

        // Assert
        Assert.Contains("enclave-release", table.Find("[data-testid=pcr-other-kind-sets]").TextContent, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("[data-testid=pcr-expected]"));
    }
}
