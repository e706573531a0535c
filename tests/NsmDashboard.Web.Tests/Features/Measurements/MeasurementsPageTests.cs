using Microsoft.AspNetCore.Components.Forms;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Features.Measurements;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Measurements;

// The emulator boots with the measurements of TestData/describe-eif.json, as an enclave built from that EIF would.
public sealed class MeasurementsPageTests() : NsmDashboardTestContext(new NsmEmulatorOptions { Measurements = NitroCliMeasurements.Load(TestFile("describe-eif.json")) })
{
    private ExpectedMeasurementStore Store => Services.GetRequiredService<ExpectedMeasurementStore>();

    [Fact]
    public void Pasted_describe_eif_output_becomes_a_set_that_matches_the_live_PCRs()
    {
        RenderProviders();
        var page = Render<MeasurementsPage>();

        page.Find("[data-testid=measurements-name]").Input("release-42");
        page.Find("[data-testid=measurements-json]").Input(File.ReadAllText(TestFile("describe-eif.json")));
        page.Find("[data-testid=measurements-add]").Click();

        var set = page.WaitForElement("[data-testid=measurement-set][data-name='release-42']");
        Assert.Contains("nitro-cli describe-eif", set.TextContent, StringComparison.Ordinal);
        Assert.Equal(["0", "1", "2", "8"], set.QuerySelectorAll("[data-testid=measurement-pcr]").Select(r => r.GetAttribute("data-index")));
        Assert.All(set.QuerySelectorAll("[data-testid=measurement-live]"), c => Assert.Equal("✓ live PCR matches", c.TextContent.Trim()));
        Assert.Equal("release-42", Assert.Single(Store.Sets).Name);
    }

    [Fact]
    public void An_uploaded_build_enclave_file_that_differs_is_marked_differs()
    {
        RenderProviders();
        var page = Render<MeasurementsPage>();

        page.Find("[data-testid=measurements-name]").Input("old");
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(File.ReadAllText(TestFile("build-enclave.json")), "build.json"));
        page.WaitForAssertion(() => Assert.Contains("PCR0", page.Find("[data-testid=measurements-json]").GetAttribute("value") ?? string.Empty, StringComparison.Ordinal));
        page.Find("[data-testid=measurements-add]").Click();

        var set = page.WaitForElement("[data-testid=measurement-set][data-name='old']");
        Assert.Contains("nitro-cli build-enclave", set.TextContent, StringComparison.Ordinal);
        Assert.All(set.QuerySelectorAll("[data-testid=measurement-live]"), c => Assert.Equal("✗ live PCR differs", c.TextContent.Trim()));
    }

    [Fact]
    public void Bad_JSON_is_refused_naming_the_member_and_nothing_is_stored()
    {
        RenderProviders();
        var page = Render<MeasurementsPage>();

        page.Find("[data-testid=measurements-name]").Input("broken");
        page.Find("[data-testid=measurements-json]").Input("{\"Measurements\": {\"PCR0\": \"abc\"}}");
        page.Find("[data-testid=measurements-add]").Click();

        Assert.Contains("Measurements.PCR", page.Find("[data-testid=measurements-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(Store.Sets);
    }

    [Fact]
    public void Values_by_hand_are_added_and_deleted()
    {
        RenderProviders();
        var page = Render<MeasurementsPage>();

        page.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == "By hand").Click();
        page.Find("[data-testid=measurements-name]").Input("manual");
        page.Find("[data-testid=measurements-manual]").Input($"16={new string('0', 96)}\nPCR17={new string('1', 96)}");
        page.Find("[data-testid=measurements-add]").Click();
        var set = page.WaitForElement("[data-testid=measurement-set][data-name='manual']");
        Assert.Equal("✓ live PCR matches", set.QuerySelector("[data-index='16'] [data-testid=measurement-live]")!.TextContent.Trim());
        Assert.Equal("✗ live PCR differs", set.QuerySelector("[data-index='17'] [data-testid=measurement-live]")!.TextContent.Trim());

        page.Find("[data-testid=measurement-delete]").Click();

        page.WaitForElement("[data-testid=measurements-empty]");
        Assert.Empty(Store.Sets);
    }

    private static string TestFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
