using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Features.Kms;

public sealed class KmsPolicyTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task A_policy_generated_from_the_live_enclave_passes_the_check_and_an_edited_value_is_flagged() => RunTestAsync(async page =>
    {
        // Arrange: generate from the live (emulated) enclave.
        await GotoAsync(page, "kms");
        await page.Locator("[data-testid=generate-run]").ClickAsync();
        var statement = page.Locator("[data-testid=generate-statement]");
        await Assertions.Expect(statement).ToContainTextAsync("kms:RecipientAttestation:PCR0");
        var json = JsonNode.Parse((await statement.TextContentAsync())!)!;
        var policy = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(json.DeepClone()) };

        // Act: paste it into the Check tab and check against the live enclave.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Check" }).ClickAsync();
        await page.Locator("[data-testid=check-policy]").FillAsync(policy.ToJsonString());
        await page.Locator("[data-testid=check-run]").ClickAsync();

        // Assert
        var verdict = page.Locator("[data-testid=check-verdict]");
        await Assertions.Expect(verdict).ToHaveAttributeAsync("data-passed", "true");
        await Assertions.Expect(verdict).ToContainTextAsync("ALLOW kms:Decrypt");

        // Act: one hex digit of PCR2 edited.
        var condition = policy["Statement"]![0]!["Condition"]!["StringEqualsIgnoreCase"]!;
        var pcr2 = condition["kms:RecipientAttestation:PCR2"]!.GetValue<string>();
        condition["kms:RecipientAttestation:PCR2"] = pcr2[..10] + (pcr2[10] == '0' ? '1' : '0') + pcr2[11..];
        await page.Locator("[data-testid=check-policy]").FillAsync(policy.ToJsonString());
        await page.Locator("[data-testid=check-run]").ClickAsync();

        // Assert: refused, and the condition says where the value differs.
        await Assertions.Expect(verdict).ToHaveAttributeAsync("data-passed", "false");
        var failed = page.Locator("[data-outcome=Fails]");
        await Assertions.Expect(failed).ToHaveAttributeAsync("data-key", "kms:RecipientAttestation:PCR2");
        await Assertions.Expect(failed).ToContainTextAsync("first difference at byte 5 (hex character 10");
    });

    [Fact]
    public Task The_page_is_in_the_navigation() => RunTestAsync(async page =>
    {
        await GotoAsync(page, string.Empty);

        await page.Locator("nav a[href='kms']").ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("KMS key policy");
    });
}
