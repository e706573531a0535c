using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Features.Pcrs;

public sealed class LiveUpdateTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task An_extend_in_one_page_appears_in_another_open_page() => RunTestAsync(2, async pages =>
    {
        // Arrange: two operators, two circuits, both on the PCR page
        var first = new PcrsPage(pages[0]);
        var second = new PcrsPage(pages[1]);
        await first.OpenAsync();
        await second.OpenAsync();
        const string Text = "seen by everyone";
        var expected = ExpectedPcr.ExtendFromZero(Text);

        // Act
        var shown = await first.ExtendWithTextAsync(20, Text);

        // Assert: the other page updates without a reload (pushed by the notifier, not polled)
        Assert.Equal(expected, shown);
        await Assertions.Expect(second.Value(20)).ToHaveAttributeAsync("data-value", expected, new() { Timeout = 5_000 });
    });
}
