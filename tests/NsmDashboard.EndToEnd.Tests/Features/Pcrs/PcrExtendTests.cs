using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Features.Pcrs;

public sealed class PcrExtendTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task Extending_PCR16_through_the_dialog_shows_SHA384_of_zero_and_the_data() => RunTestAsync(async page =>
    {
        // Arrange
        const string Text = "nsm-dashboard end-to-end measurement";
        var expected = ExpectedPcr.ExtendFromZero(Text);
        var pcrs = new PcrsPage(page);
        await pcrs.OpenAsync();
        await Assertions.Expect(pcrs.Value(16)).ToHaveAttributeAsync("data-value", new string('0', 96));

        // Act: type the data and check the preview before anything is sent
        await pcrs.ExtendButton(16).ClickAsync();
        await pcrs.Dialog.Locator("[data-testid=extend-text]").FillAsync(Text);
        await Assertions.Expect(pcrs.Dialog.Locator("[data-testid=extend-preview] .hex-text")).ToHaveTextAsync(expected);
        await Assertions.Expect(pcrs.Value(16)).ToHaveAttributeAsync("data-value", new string('0', 96));
        await pcrs.Dialog.Locator("[data-testid=extend-review]").ClickAsync();
        await pcrs.Dialog.Locator("[data-testid=extend-confirm]").ClickAsync();

        // Assert: the dialog shows the NSM's answer, then the table shows it
        await Assertions.Expect(pcrs.Dialog.Locator("[data-testid=extend-result] .hex-text")).ToHaveTextAsync(expected);
        await Assertions.Expect(pcrs.Dialog.Locator("[data-testid=extend-done]")).ToContainTextAsync("matches the preview");
        await pcrs.Dialog.Locator("[data-testid=extend-close]").ClickAsync();
        await Assertions.Expect(pcrs.Value(16)).ToHaveAttributeAsync("data-value", expected);
        await pcrs.Value(16).Locator("[data-testid=hex-expand]").ClickAsync();
        await Assertions.Expect(pcrs.Value(16).Locator(".hex-text")).ToHaveTextAsync(expected);
    });

    [Fact]
    public Task Hex_that_is_not_hex_is_refused_with_the_offending_character() => RunTestAsync(async page =>
    {
        // Arrange
        var pcrs = new PcrsPage(page);
        await pcrs.OpenAsync();
        await pcrs.ExtendButton(17).ClickAsync();

        // Act
        await pcrs.Dialog.GetByText("Hex", new() { Exact = true }).ClickAsync();
        await pcrs.Dialog.Locator("[data-testid=extend-hex]").FillAsync("01 02 zz");

        // Assert
        await Assertions.Expect(pcrs.Dialog).ToContainTextAsync("'z' at position 7 is not a hex digit");
        await Assertions.Expect(pcrs.Dialog.Locator("[data-testid=extend-review]")).ToBeDisabledAsync();
    });
}
