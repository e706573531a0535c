using Microsoft.Playwright;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>Locators shared by the Attestation and Inspect pages, which show documents with the same controls.</summary>
public sealed class AttestationPage(IPage page)
{
    /// <summary>The page.</summary>
    public IPage Page { get; } = page;

    /// <summary>The verdict panel; <c>data-valid</c> is <c>true</c> or <c>false</c>.</summary>
    public ILocator Verdict => Page.Locator("[data-testid=verdict]");

    /// <summary>The label of the root the document was verified against.</summary>
    public ILocator TrustRootLabel => Verdict.Locator("[data-testid=trust-root-label]");

    /// <summary>Every check, in order; <c>data-check</c> names it and <c>data-status</c> gives its outcome.</summary>
    public ILocator Checks => Page.Locator("[data-testid=check]");

    /// <summary>One check by its id.</summary>
    public ILocator Check(string id) => Page.Locator($"[data-testid=check][data-check={id}]");

    /// <summary>Opens the Attestation page.</summary>
    public Task OpenAttestationAsync() => PlaywrightTestsBaseAccess.GotoAsync(Page, "attestation");

    /// <summary>Opens the Inspect page.</summary>
    public Task OpenInspectAsync() => PlaywrightTestsBaseAccess.GotoAsync(Page, "inspect");

    /// <summary>Chooses the Inspect page's "Document time": checks at the document's own timestamp.</summary>
    public Task CheckAtDocumentTimeAsync() =>
        Page.Locator("[data-testid=time-mode] .mud-toggle-item", new() { HasText = "Document time" }).ClickAsync();

    /// <summary>Pastes text into the Inspect page's document field and presses Verify.</summary>
    public async Task PasteAndVerifyAsync(string text)
    {
        await Page.Locator("[data-testid=document-text]").FillAsync(text);
        await Page.Locator("[data-testid=verify]").ClickAsync();
    }

    /// <summary>The statuses of all checks, in order.</summary>
    public async Task<IReadOnlyList<string>> CheckStatusesAsync()
    {
        var statuses = new List<string>();
        foreach (var check in await Checks.AllAsync())
        {
            statuses.Add(await check.GetAttributeAsync("data-status") ?? string.Empty);
        }

        return statuses;
    }
}
