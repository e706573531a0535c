using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Security;

public sealed class SignInTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task A_viewer_signs_in_with_a_password_sees_actions_disabled_and_signs_out() => RunAnonymousTestAsync(async page =>
    {
        var violations = CollectCspViolations(page);

        // Act: an anonymous visit lands on the login page; a wrong password is refused.
        await page.GotoAsync("pcrs");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl=%2Fpcrs$"));
        await page.Locator("[data-testid=login-name]").FillAsync(NsmDashboardServerFixture.ViewerUser);
        await page.Locator("[data-testid=login-password]").FillAsync("not the password");
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("wrong password");

        // Act: the right password returns to the page that asked.
        await page.Locator("[data-testid=login-name]").FillAsync(NsmDashboardServerFixture.ViewerUser);
        await page.Locator("[data-testid=login-password]").FillAsync(NsmDashboardServerFixture.Password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();

        // Assert: signed in as a viewer, who may not extend or lock.
        await Assertions.Expect(page.Locator("[data-testid=signed-in-user]")).ToContainTextAsync(NsmDashboardServerFixture.ViewerUser);
        await Assertions.Expect(page.Locator("[data-testid=signed-in-role]")).ToHaveTextAsync("Viewer");
        await Assertions.Expect(page.Locator("tr.pcr-row-16 [data-testid=extend-button]")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("[data-testid=role-notice]")).ToContainTextAsync("Operator role");

        // Act: sign out.
        await page.Locator("[data-testid=sign-out]").ClickAsync();

        // Assert: back on the login page, and the dashboard is closed again.
        await Assertions.Expect(page.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();
        await page.GotoAsync("");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        Assert.Empty(violations);
    });

    [Fact]
    public Task An_open_tab_loses_its_role_soon_after_signing_out_in_another_tab_and_says_so() => RunAnonymousTestAsync(async page =>
    {
        // Arrange: an operator's own session (not the shared one of the other tests), in two tabs of one browser.
        await SignInAsync(page, NsmDashboardServerFixture.OperatorUser, NsmDashboardServerFixture.Password);
        await GotoAsync(page, "pcrs");
        await Assertions.Expect(page.Locator("tr.pcr-row-16 [data-testid=extend-button]")).ToBeEnabledAsync();
        var other = await page.Context.NewPageAsync();
        await GotoAsync(other, "");

        // Act: sign out in the other tab.
        await other.Locator("[data-testid=sign-out]").ClickAsync();
        await Assertions.Expect(other.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();

        // Assert: the first tab's circuit finds out at its next check (every 2 s here), says so, and can change nothing.
        await Assertions.Expect(page.Locator("[data-testid=session-ended-banner]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("tr.pcr-row-16 [data-testid=extend-button]")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("[data-testid=session-ended-sign-in]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("login\\?ReturnUrl=%2Fpcrs"));
    });

    [Fact]
    public Task The_operator_page_runs_under_the_content_security_policy_without_violations() => RunTestAsync(async page =>
    {
        var violations = CollectCspViolations(page);

        // Act: theme switching, a dialog, and the other pages.
        await GotoAsync(page, "pcrs");
        await Assertions.Expect(page.Locator("[data-testid=signed-in-role]")).ToHaveTextAsync("Operator");
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await page.Locator("tr.pcr-row-16 [data-testid=extend-button]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await GotoAsync(page, "audit");
        await GotoAsync(page, "attestation");

        // Assert
        Assert.Empty(violations);
    });

    // Chromium reports every blocked resource or inline script as a console error naming the policy.
    private static List<string> CollectCspViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }
}
