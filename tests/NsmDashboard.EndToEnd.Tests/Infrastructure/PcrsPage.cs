using Microsoft.Playwright;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>Locators for the PCR page and its dialogs, so tests read as the steps an operator takes.</summary>
public sealed class PcrsPage(IPage page)
{
    /// <summary>The page.</summary>
    public IPage Page { get; } = page;

    /// <summary>The table row of one PCR.</summary>
    public ILocator Row(int index) => Page.Locator($"tr.pcr-row-{index}");

    /// <summary>The value element of one PCR; its <c>data-value</c> holds the full hex.</summary>
    public ILocator Value(int index) => Row(index).Locator("[data-testid=pcr-value]");

    /// <summary>The Extend button of one PCR.</summary>
    public ILocator ExtendButton(int index) => Row(index).Locator("[data-testid=extend-button]");

    /// <summary>The Lock button of one PCR.</summary>
    public ILocator LockButton(int index) => Row(index).Locator("[data-testid=lock-button]");

    /// <summary>The lock badge of one PCR (present only when locked).</summary>
    public ILocator LockBadge(int index) => Row(index).Locator("[data-testid=lock-badge]");

    /// <summary>The open dialog.</summary>
    public ILocator Dialog => Page.Locator(".mud-dialog");

    /// <summary>Opens the PCR page and waits for the table.</summary>
    public async Task OpenAsync()
    {
        await PlaywrightTestsBaseAccess.GotoAsync(Page, "pcrs");
        await Assertions.Expect(Row(31)).ToBeVisibleAsync();
    }

    /// <summary>Extends a PCR with text through the dialog and returns the new value the dialog shows.</summary>
    public async Task<string> ExtendWithTextAsync(int index, string text)
    {
        await ExtendButton(index).ClickAsync();
        await Dialog.Locator("[data-testid=extend-text]").FillAsync(text);
        await Dialog.Locator("[data-testid=extend-review]").ClickAsync();
        await Dialog.Locator("[data-testid=extend-confirm]").ClickAsync();
        var result = Dialog.Locator("[data-testid=extend-result] .hex-text");
        await Assertions.Expect(result).ToBeVisibleAsync();
        var value = await result.InnerTextAsync();
        await Dialog.Locator("[data-testid=extend-close]").ClickAsync();
        await Assertions.Expect(Dialog).ToHaveCountAsync(0);
        return value.Trim();
    }
}
