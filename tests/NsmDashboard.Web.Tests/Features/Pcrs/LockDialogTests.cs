using MudBlazor;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Pcrs;

public sealed class LockDialogTests : NsmDashboardTestContext
{
    [Fact]
    public async Task Lock_stays_disabled_until_the_PCR_number_is_typed()
    {
        // Arrange
        var pcr = await ReadPcrAsync(16);
        var (provider, reference) = await ShowDialogAsync(new DialogParameters<LockPcrDialog> { { d => d.Pcr, pcr } });
        var confirm = () => provider.Find("[data-testid=lock-confirm]");

        // Assert: the warning is there and nothing can be locked yet
        Assert.Contains("life of the enclave", provider.Find("[data-testid=lock-warning]").TextContent, StringComparison.Ordinal);
        Assert.True(confirm().HasAttribute("disabled"));

        // Act + Assert: a wrong number keeps it disabled
        provider.Find("[data-testid=lock-confirm-text]").Input("17");
        provider.WaitForAssertion(() => Assert.True(confirm().HasAttribute("disabled")));
        Assert.False((await ReadPcrAsync(16)).Locked);

        // Act + Assert: the right number enables it, and clicking locks the PCR
        provider.Find("[data-testid=lock-confirm-text]").Input(" 16 ");
        provider.WaitForAssertion(() => Assert.False(confirm().HasAttribute("disabled")));
        confirm().Click();
        var result = await reference.Result;
        Assert.False(result!.Canceled);
        Assert.True((await ReadPcrAsync(16)).Locked);
    }

    [Fact]
    public async Task Lock_range_needs_LOCK_0_N_typed_and_locks_0_to_N()
    {
        // Arrange: the default range reaches the first unlocked PCR, 16
        var snapshot = await State.GetSnapshotAsync(TestContext.Current.CancellationToken);
        var (provider, reference) = await ShowDialogAsync(new DialogParameters<LockRangeDialog>
        {
            { d => d.Pcrs, snapshot.Pcrs },
            { d => d.MaxPcrs, 32 },
        });
        var confirm = () => provider.Find("[data-testid=lock-range-confirm]");
        Assert.Contains("16", provider.Find("[data-testid=lock-range-summary]").TextContent, StringComparison.Ordinal);
        Assert.True(confirm().HasAttribute("disabled"));

        // Act: a confirmation for another range does not count
        provider.Find("[data-testid=lock-range-confirm-text]").Input("LOCK 0-17");
        provider.WaitForAssertion(() => Assert.True(confirm().HasAttribute("disabled")));
        provider.Find("[data-testid=lock-range-confirm-text]").Input("LOCK 0-16");
        provider.WaitForAssertion(() => Assert.False(confirm().HasAttribute("disabled")));
        confirm().Click();

        // Assert
        var result = await reference.Result;
        Assert.False(result!.Canceled);
        Assert.True((await ReadPcrAsync(16)).Locked);
        Assert.False((await ReadPcrAsync(17)).Locked);
    }

    [Fact]
    public async Task Changing_the_range_changes_the_confirmation_text()
    {
        // Arrange
        var snapshot = await State.GetSnapshotAsync(TestContext.Current.CancellationToken);
        var (provider, _) = await ShowDialogAsync(new DialogParameters<LockRangeDialog>
        {
            { d => d.Pcrs, snapshot.Pcrs },
            { d => d.MaxPcrs, 32 },
        });

        // Act
        provider.Find("[data-testid=lock-range-value]").Input("20");

        // Assert
        provider.WaitForAssertion(() =>
            Assert.Equal("LOCK 0-19", provider.Find("[data-testid=lock-range-confirm-text]").GetAttribute("placeholder")));
        Assert.Contains("16–19", provider.Find("[data-testid=lock-range-summary]").TextContent, StringComparison.Ordinal);
    }
}
