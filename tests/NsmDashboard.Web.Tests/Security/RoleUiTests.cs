using MudBlazor;
using NsmDashboard.Web.Components.Layout;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Security;

/// <summary>What each role sees and may do in the UI, and that the circuit's own calls are checked again.</summary>
public sealed class RoleUiTests : NsmDashboardTestContext
{
    [Fact]
    public void An_operator_gets_every_action_enabled_and_no_role_notice()
    {
        // Act
        RenderProviders();
        var page = Render<PcrsPage>();
        page.WaitForElement("tr.pcr-row-31");

        // Assert
        Assert.False(page.Find("tr.pcr-row-16 [data-testid=extend-button]").HasAttribute("disabled"));
        Assert.False(page.Find("tr.pcr-row-16 [data-testid=lock-button]").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid=lock-range-button]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=role-notice]"));
    }

    [Fact]
    public void A_viewer_sees_extend_and_lock_disabled_with_the_reason()
    {
        // Arrange
        SignInAsViewer();

        // Act
        RenderProviders();
        var page = Render<PcrsPage>();
        page.WaitForElement("tr.pcr-row-31");

        // Assert
        Assert.True(page.Find("tr.pcr-row-16 [data-testid=extend-button]").HasAttribute("disabled"));
        Assert.True(page.Find("tr.pcr-row-16 [data-testid=lock-button]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=lock-range-button]").HasAttribute("disabled"));
        Assert.Contains("Operator role", page.Find("[data-testid=role-notice]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Operator role", page.Find("tr.pcr-row-16 [data-testid=extend-button]").ParentElement!.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_may_attest_with_a_nonce_but_user_data_and_public_key_are_disabled()
    {
        // Arrange
        SignInAsViewer();

        // Act
        var page = Render<AttestationPage>();
        page.Find("[data-testid=request-attestation]").Click();

        // Assert
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=verdict]").GetAttribute("data-valid")));
        Assert.Contains("Operator role", page.Find("[data-testid=attestation-role-notice]").TextContent, StringComparison.Ordinal);
        Assert.All(page.FindAll("[data-testid=user-data-mode] .mud-toggle-item, [data-testid=public-key-mode] .mud-toggle-item"),
            item => Assert.True(item.HasAttribute("disabled") || item.ClassList.Contains("mud-disabled")));
    }

    [Fact]
    public async Task A_viewer_circuit_that_calls_a_mutation_anyway_is_denied_audited_and_changes_nothing()
    {
        // Arrange: a dialog opened by a viewer (the page would not offer it; the server must still refuse).
        SignInAsViewer();
        var pcr = await ReadPcrAsync(16);
        var (provider, _) = await ShowDialogAsync(new DialogParameters<LockPcrDialog> { { d => d.Pcr, pcr } });

        // Act
        provider.Find("[data-testid=lock-confirm-text]").Input("16");
        provider.WaitForElement("[data-testid=lock-confirm]:not([disabled])").Click();

        // Assert
        provider.WaitForAssertion(() => Assert.Contains("Not permitted", provider.Markup, StringComparison.Ordinal));
        Assert.False((await ReadPcrAsync(16)).Locked);
        var entry = Assert.Single(Services.GetRequiredService<AuditTrail>().Query(new AuditQuery()).Entries);
        Assert.Equal(("LockPcr", "Denied", "test-viewer", "dashboard"), (entry.Operation, entry.Outcome, entry.User, entry.Channel));
    }

    [Fact]
    public async Task Without_a_signed_in_user_every_operation_is_denied()
    {
        // Arrange
        SignOut();
        var session = Services.GetRequiredService<DashboardSession>();

        // Act + Assert
        var error = await Assert.ThrowsAsync<NsmAccessDeniedException>(
            () => Operations.ExtendPcrAsync(16, new byte[] { 1 }, session.Caller, TestContext.Current.CancellationToken));
        Assert.Contains("Not signed in", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NsmAccessDeniedException>(
            () => Operations.GetAttestationDocumentAsync(new Nsm.Protocol.AttestationRequest(), session.Caller, TestContext.Current.CancellationToken));
        Assert.True((await ReadPcrAsync(16)).IsZero);
    }

    [Fact]
    public void The_layout_shows_who_is_signed_in_with_the_role_and_a_sign_out_form()
    {
        // Act
        var layout = Render<MainLayout>();

        // Assert
        Assert.Contains(CircuitUser, layout.Find("[data-testid=signed-in-user]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Operator", layout.Find("[data-testid=signed-in-role]").TextContent.Trim());
        Assert.Equal("logout", layout.Find("[data-testid=sign-out-form]").GetAttribute("action"));
    }

    [Fact]
    public async Task The_audit_page_lists_operations_as_they_happen_and_filters_by_user()
    {
        // Arrange
        RenderProviders();
        var page = Render<AuditPage>();
        Assert.NotEmpty(page.FindAll("[data-testid=audit-empty]"));

        // Act
        await Operations.ExtendPcrAsync(16, new byte[] { 1 }, OtherOperator, TestContext.Current.CancellationToken);
        await Operations.LockPcrAsync(17, OtherOperator with { User = "someone-else" }, TestContext.Current.CancellationToken);

        // Assert
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-row]").Count));
        page.Find("[data-testid=audit-user]").Input("someone-else");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=audit-row]")), TimeSpan.FromSeconds(5));
        Assert.Contains("user=someone-else", page.Find("[data-testid=audit-export]").GetAttribute("href"), StringComparison.Ordinal);
    }
}
