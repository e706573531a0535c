using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Features.Measurements;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Security;

/// <summary>Trust data in the UI: a Viewer sees the actions that change it disabled, with the reason; an Operator's changes are audited.</summary>
public sealed class TrustDataUiTests : NsmDashboardTestContext
{
    [Fact]
    public void A_viewer_sees_adding_and_deleting_expected_measurements_disabled_with_the_reason()
    {
        // Arrange: a set added by someone allowed to.
        Services.GetRequiredService<ExpectedMeasurementStore>().Add(
            new NsmDashboard.Attestation.ExpectedPcrSet("release-42", [new KeyValuePair<int, ReadOnlyMemory<byte>>(16, new byte[48])]), ExpectedMeasurementSet.ManualSource);
        SignInAsViewer();

        // Act
        RenderProviders();
        var page = Render<MeasurementsPage>();
        page.Find("[data-testid=measurements-name]").Input("release-43");

        // Assert
        Assert.True(page.Find("[data-testid=measurements-add]").HasAttribute("disabled"));
        Assert.Contains("Operator role", page.Find("[data-testid=measurements-denied]").TextContent, StringComparison.Ordinal);
        var delete = page.Find("[data-testid=measurement-delete]");
        Assert.True(delete.HasAttribute("disabled"));
        Assert.Contains("Operator role", delete.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_adds_a_set_and_the_audit_trail_records_it_with_the_digest_of_what_was_typed()
    {
        // Arrange
        var typed = $"16={new string('0', 96)}";
        RenderProviders();
        var page = Render<MeasurementsPage>();

        // Act
        page.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == "By hand").Click();
        page.Find("[data-testid=measurements-name]").Input("hand-made");
        page.Find("[data-testid=measurements-manual]").Input(typed);
        page.Find("[data-testid=measurements-add]").Click();

        // Assert
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=measurement-set]")));
        var entry = Assert.Single(Services.GetRequiredService<AuditTrail>().Query(new AuditQuery()).Entries);
        Assert.Equal("AddMeasurements", entry.Operation);
        Assert.Equal(CircuitUser, entry.User);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA384.HashData(System.Text.Encoding.UTF8.GetBytes(typed))), entry.DataSha384);
    }

    [Fact]
    public void A_viewer_sees_the_event_log_import_disabled_with_the_reason()
    {
        // Arrange
        SignInAsViewer();

        // Act
        var panel = Render<EventLogDocumentPanel>();

        // Assert
        Assert.Contains("Operator role", panel.Find("[data-testid=eventlog-import-denied]").TextContent, StringComparison.Ordinal);
        Assert.True(panel.FindAll("button").Single(b => b.TextContent.Contains("Import JSON", StringComparison.Ordinal)).HasAttribute("disabled"));
    }
}
