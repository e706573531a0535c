using Microsoft.AspNetCore.Components;
using NsmDashboard.Web.Components.Layout;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Security;

/// <summary>A tab whose session ends while it is open says so, and its page loses the role's actions.</summary>
public sealed class SessionEndedBannerTests : NsmDashboardTestContext
{
    [Fact]
    public void When_the_tabs_user_becomes_anonymous_the_layout_shows_the_banner_and_the_page_disables_its_actions()
    {
        // Arrange: an operator's tab on the PCR page.
        var layout = Render<MainLayout>(parameters => parameters.Add(l => l.Body, (RenderFragment)(builder =>
        {
            builder.OpenComponent<PcrsPage>(0);
            builder.CloseComponent();
        })));
        layout.WaitForElement("tr.pcr-row-31");
        Assert.Empty(layout.FindAll("[data-testid=session-ended-banner]"));
        Assert.False(layout.Find("tr.pcr-row-16 [data-testid=extend-button]").HasAttribute("disabled"));

        // Act: what the revalidating provider does when the session has ended.
        SignOut();

        // Assert
        layout.WaitForAssertion(() =>
        {
            Assert.Contains("SIGNED OUT", layout.Find("[data-testid=session-ended-banner]").TextContent, StringComparison.Ordinal);
            Assert.True(layout.Find("tr.pcr-row-16 [data-testid=extend-button]").HasAttribute("disabled"));
        });
        Assert.Contains("login?ReturnUrl=", layout.Find("[data-testid=session-ended-sign-in]").GetAttribute("href"), StringComparison.Ordinal);
    }
}
