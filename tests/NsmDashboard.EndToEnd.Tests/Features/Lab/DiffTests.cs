using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Features.Lab;

public sealed class DiffTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task Two_pasted_documents_show_the_fields_that_differ() => RunTestAsync(async page =>
    {
        // Arrange
        await GotoAsync(page, string.Empty);
        await page.GetByRole(AriaRole.Link, new() { Name = "Diff" }).ClickAsync();
        await page.Locator("[data-testid=diff-text-a]").FillAsync(Convert.ToBase64String(AwsVectors.Nitrite));
        await page.Locator("[data-testid=diff-text-b]").FillAsync(Convert.ToHexStringLower(AwsVectors.Evervault));

        // Act
        await page.Locator("[data-testid=compare]").ClickAsync();

        // Assert
        ILocator Row(string key) => page.Locator($"[data-testid=diff-row][data-key={key}]");
        await Assertions.Expect(page.Locator("[data-testid=diff-summary]")).ToContainTextAsync("fields differ.");
        await Assertions.Expect(Row("module_id")).ToHaveAttributeAsync("data-status", "Differs");
        await Assertions.Expect(Row("module_id")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-differs"));
        await Assertions.Expect(Row("digest")).ToHaveAttributeAsync("data-status", "Same");
        await Assertions.Expect(Row("timestamp")).ToContainTextAsync("later than A");
        await Assertions.Expect(Row("pcr-0")).ToHaveAttributeAsync("data-status", "Differs");
        await Assertions.Expect(Row("public_key").Locator("[data-testid=diff-left]")).ToHaveTextAsync("empty (0 bytes)");
        await Assertions.Expect(Row("public_key").Locator("[data-testid=diff-right]")).ToHaveTextAsync("null");
        await Assertions.Expect(Row("certificate-serial")).ToHaveAttributeAsync("data-status", "Differs");
        await Assertions.Expect(Row("cabundle-0")).ToHaveAttributeAsync("data-status", "Same");

        // Only the differences: the shared digest and root disappear.
        await page.GetByText("Only differences").ClickAsync();
        await Assertions.Expect(Row("digest")).ToHaveCountAsync(0);
        await Assertions.Expect(Row("cabundle-0")).ToHaveCountAsync(0);
        await Assertions.Expect(Row("module_id")).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_side_that_is_not_a_document_says_so() => RunTestAsync(async page =>
    {
        // Arrange
        await GotoAsync(page, "lab/diff");
        await page.Locator("[data-testid=diff-text-a]").FillAsync("definitely not a document!");
        await page.Locator("[data-testid=diff-source-b] .mud-toggle-item", new() { HasText = "Live state" }).ClickAsync();

        // Act
        await page.Locator("[data-testid=compare]").ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator("[data-testid=diff-error-a]")).ToContainTextAsync("Format not recognised");
        await Assertions.Expect(page.Locator("[data-testid=diff-error-b]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=diff-summary]")).ToHaveCountAsync(0);
    });
}
