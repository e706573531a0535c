using NsmDashboard.Attestation;
using NsmDashboard.Web.Features.Measurements;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Measurements;

/// <summary>The Measurements page and input with nitro-tpm-pcr-compute output and NitroTPM values by hand.</summary>
public sealed class NitroTpmMeasurementsTests : NsmDashboardTestContext
{
    // The exact shape nitro-tpm-pcr-compute 1.0 printed: PCR4 and PCR7, no PCR12.
    private const string ToolOutputWithoutPcr12 = $$"""
        {
          "Measurements": {
            "HashAlgorithm": "SHA384",
            "PCR4": "{{AwsVectors.TpmPcr4}}",
            "PCR7": "98441c7f7625d10058c47683aec486ce311c633235eb555593a7ee791121e3578ae72d04ecef661f272d59058b77af35"
          }
        }
        """;

    private ExpectedMeasurementStore Store => Services.GetRequiredService<ExpectedMeasurementStore>();

    [Fact]
    public void Pasted_nitro_tpm_pcr_compute_output_becomes_a_nitrotpm_set_with_its_warning()
    {
        // Arrange
        RenderProviders();
        var page = Render<MeasurementsPage>();

        // Act
        page.Find("[data-testid=measurements-name]").Input("ami-7");
        page.Find("[data-testid=measurements-json]").Input(ToolOutputWithoutPcr12);
        page.Find("[data-testid=measurements-add]").Click();

        // Assert
        var set = page.WaitForElement("[data-testid=measurement-set][data-name='ami-7']");
        Assert.Equal("NitroTpm", set.QuerySelector("[data-testid=measurement-kind]")!.GetAttribute("data-kind"));
        Assert.Contains("nitro-tpm-pcr-compute", set.TextContent, StringComparison.Ordinal);
        Assert.Contains("PCR12", set.QuerySelector("[data-testid=measurement-warning]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["4", "7"], set.QuerySelectorAll("[data-testid=measurement-pcr]").Select(r => r.GetAttribute("data-index")));
        Assert.Contains("Boot loader / UKI", set.QuerySelector("[data-testid=measurement-pcr][data-index='4']")!.TextContent, StringComparison.Ordinal);
        Assert.All(set.QuerySelectorAll("[data-testid=measurement-live]"), c => Assert.StartsWith("NitroTPM value", c.TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(AttestationDocumentKind.NitroTpm, Assert.Single(Store.Sets).Kind);
    }

    [Fact]
    public void Values_by_hand_take_the_chosen_kind_and_its_index_range()
    {
        // Act
        var tpm = ExpectedMeasurementInput.FromText("ami", AttestationDocumentKind.NitroTpm, "4=" + AwsVectors.TpmPcr4 + "\n23=" + new string('0', 96));
        var error = Assert.Throws<ExpectedPcrSetFormatException>(() => ExpectedMeasurementInput.FromText("ami", AttestationDocumentKind.NitroTpm, "24=" + new string('0', 96)));
        var shortValue = Assert.Throws<ExpectedPcrSetFormatException>(() => ExpectedMeasurementInput.FromText("ami", AttestationDocumentKind.NitroTpm, "4=" + new string('0', 64)));
        var enclave = ExpectedMeasurementInput.FromText("release", "24=" + new string('0', 96));

        // Assert
        Assert.Equal(AttestationDocumentKind.NitroTpm, tpm.Kind);
        Assert.Equal([4, 23], tpm.Pcrs.Keys);
        Assert.Contains("0–23", error.Message, StringComparison.Ordinal);
        Assert.Contains("48", shortValue.Message, StringComparison.Ordinal);
        Assert.Equal(AttestationDocumentKind.NitroEnclave, enclave.Kind);
    }

    [Theory]
    [InlineData("build-enclave.json", AttestationDocumentKind.NitroEnclave, ExpectedMeasurementSet.BuildEnclaveSource)]
    [InlineData("describe-eif.json", AttestationDocumentKind.NitroEnclave, ExpectedMeasurementSet.DescribeEifSource)]
    public void Tool_output_is_recognised_by_its_pcrs(string file, AttestationDocumentKind kind, string source)
    {
        // Act
        var (set, actualSource, warnings) = ExpectedMeasurementInput.FromToolOutput("x", File.ReadAllText(TestFile(file)));
        var (tpm, tpmSource, tpmWarnings) = ExpectedMeasurementInput.FromToolOutput("y", ToolOutputWithoutPcr12);

        // Assert
        Assert.Equal((kind, source), (set.Kind, actualSource));
        Assert.Empty(warnings);
        Assert.Equal((AttestationDocumentKind.NitroTpm, ExpectedMeasurementSet.NitroTpmPcrComputeSource), (tpm.Kind, tpmSource));
        Assert.Single(tpmWarnings);
    }

    private static string TestFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
