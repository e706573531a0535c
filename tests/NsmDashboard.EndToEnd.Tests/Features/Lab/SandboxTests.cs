using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Features.Lab;

public sealed class SandboxTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task Moving_the_second_step_up_changes_the_final_digest_to_the_swapped_order() => RunTestAsync(async page =>
    {
        // Arrange: the expected values, computed here.
        byte[] hexStep = [0x0a, 0x0b, 0x0c];
        var inOrder = ExpectedPcr.Extend(Convert.FromHexString(ExpectedPcr.ExtendFromZero("release-1.4")), hexStep);
        var swapped = ExpectedPcr.Extend(Convert.FromHexString(ExpectedPcr.ExtendFromZero(hexStep)), "release-1.4"u8.ToArray());
        await GotoAsync(page, string.Empty);
        await page.GetByRole(AriaRole.Link, new() { Name = "What-if sandbox" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=sandbox]")).ToBeVisibleAsync();

        // Act: two steps, text then hex.
        await page.Locator("[data-testid=step-text]").FillAsync("release-1.4");
        await page.Locator("[data-testid=add-step]").ClickAsync();
        await page.Locator("[data-testid=step-kind] .mud-toggle-item", new() { HasText = "Hex" }).ClickAsync();
        await page.Locator("[data-testid=step-hex]").FillAsync("0a 0b 0c");
        await page.Locator("[data-testid=add-step]").ClickAsync();
        var finalDigest = page.Locator("[data-testid=final-digest]");
        await Assertions.Expect(finalDigest).ToHaveAttributeAsync("data-value", inOrder);
        await Assertions.Expect(page.Locator("[data-testid=step]").Nth(1).Locator("[data-testid=step-input]"))
            .ToHaveTextAsync(ExpectedPcr.ExtendFromZero("release-1.4") + " ‖ 0a0b0c");

        await page.GetByRole(AriaRole.Button, new() { Name = "Move step 2 up" }).ClickAsync();

        // Assert
        await Assertions.Expect(finalDigest).ToHaveAttributeAsync("data-value", swapped);
        await Assertions.Expect(finalDigest.Locator(".hex-text")).ToHaveTextAsync(swapped);
        var note = page.Locator("[data-testid=reorder-note]");
        await Assertions.Expect(note).ToHaveAttributeAsync("data-changed", "true");
        await Assertions.Expect(note).ToContainTextAsync("Order matters: the final value changed.");
        await Assertions.Expect(page.Locator("[data-testid=step-label]").First).ToHaveTextAsync("0a0b0c");
        Assert.NotEqual(inOrder, swapped);
    });

    [Fact]
    public Task A_lock_before_the_second_step_marks_it_refused_and_keeps_the_first_digest() => RunTestAsync(async page =>
    {
        // Arrange
        await GotoAsync(page, "lab/sandbox");
        foreach (var text in (string[])["measured", "too late"])
        {
            await page.Locator("[data-testid=step-text]").FillAsync(text);
            await page.Locator("[data-testid=add-step]").ClickAsync();
        }

        // Act
        await page.GetByText("LockPCR between steps").ClickAsync();
        await page.Locator("[data-testid=lock-after]").FillAsync("1");
        await page.Locator("[data-testid=lock-after]").PressAsync("Tab");

        // Assert
        await Assertions.Expect(page.Locator("[data-testid=step]").Nth(1)).ToHaveAttributeAsync("data-refused", "true");
        await Assertions.Expect(page.Locator("[data-testid=step-refusal]")).ToContainTextAsync("Error(ReadOnlyIndex)");
        await Assertions.Expect(page.Locator("[data-testid=final-digest]")).ToHaveAttributeAsync("data-value", ExpectedPcr.ExtendFromZero("measured"));
    });
}
