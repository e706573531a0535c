using NsmDashboard.Attestation;
using NsmDashboard.Web.Components;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Pcrs;

public sealed class PcrTableTests : NsmDashboardTestContext
{
    [Fact]
    public async Task Shows_one_row_per_PCR_with_index_meaning_and_full_value()
    {
        // Arrange
        var snapshot = await State.GetSnapshotAsync(TestContext.Current.CancellationToken);

        // Act
        var table = Render<PcrTable>(p => p.Add(x => x.Pcrs, snapshot.Pcrs));

        // Assert
        var rows = table.FindAll("tr.pcr-row");
        Assert.Equal(32, rows.Count);
        for (var i = 0; i < 32; i++)
        {
            var row = table.Find($"tr.pcr-row-{i}");
            Assert.Contains(AttestationPcrMeanings.Title(AttestationDocumentKind.NitroEnclave, i), row.TextContent, StringComparison.Ordinal);
            Assert.Equal(snapshot.Pcrs[i].Hex, row.QuerySelector("[data-testid=pcr-value]")!.GetAttribute("data-value"));
        }

        Assert.Contains("Enclave image", table.Find("tr.pcr-row-0").TextContent, StringComparison.Ordinal);
        Assert.Contains("IAM role", table.Find("tr.pcr-row-3").TextContent, StringComparison.Ordinal);
        Assert.Contains("Signing certificate", table.Find("tr.pcr-row-8").TextContent, StringComparison.Ordinal);
        Assert.Contains("Application (free)", table.Find("tr.pcr-row-31").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locked_PCRs_have_a_badge_and_disabled_actions_that_say_why()
    {
        // Arrange: boot locks 0–15; lock 20 as well
        await Operations.LockPcrAsync(20, OtherOperator, TestContext.Current.CancellationToken);
        var snapshot = await State.GetSnapshotAsync(TestContext.Current.CancellationToken);

        // Act
        var table = Render<PcrTable>(p => p.Add(x => x.Pcrs, snapshot.Pcrs));

        // Assert
        for (var i = 0; i < 32; i++)
        {
            var row = table.Find($"tr.pcr-row-{i}");
            var locked = i < 16 || i == 20;
            var extend = row.QuerySelector("[data-testid=extend-button]")!;
            var lockButton = row.QuerySelector("[data-testid=lock-button]")!;
            Assert.Equal(locked, row.QuerySelector("[data-testid=lock-badge]") is not null);
            Assert.Equal(!locked, row.QuerySelector("[data-testid=unlocked-badge]") is not null);
            Assert.Equal(locked, extend.HasAttribute("disabled"));
            Assert.Equal(locked, lockButton.HasAttribute("disabled"));
            if (locked)
            {
                Assert.Equal(
                    $"PCR{i} is locked: it cannot be extended or locked again for the life of the enclave.",
                    extend.ParentElement!.GetAttribute("title"));
            }
        }
    }

    [Fact]
    public async Task Clicking_extend_or_lock_reports_the_PCR()
    {
        // Arrange
        var snapshot = await State.GetSnapshotAsync(TestContext.Current.CancellationToken);
        PcrState? extended = null;
        PcrState? locked = null;
        var table = Render<PcrTable>(p => p
            .Add(x => x.Pcrs, snapshot.Pcrs)
            .Add(x => x.OnExtend, pcr => extended = pcr)
            .Add(x => x.OnLock, pcr => locked = pcr));

        // Act
        table.Find("tr.pcr-row-17 [data-testid=extend-button]").Click();
        table.Find("tr.pcr-row-18 [data-testid=lock-button]").Click();

        // Assert
        Assert.Equal<ushort?>(17, extended?.Index);
        Assert.Equal<ushort?>(18, locked?.Index);
    }

    [Fact]
    public async Task Values_expand_per_row_and_copy_with_the_PCR_name()
    {
        // Arrange
        await Operations.ExtendPcrAsync(16, "abc"u8.ToArray(), OtherOperator, TestContext.Current.CancellationToken);
        var snapshot = await State.GetSnapshotAsync(TestContext.Current.CancellationToken);
        var hex = snapshot.Pcrs[16].Hex;
        var copy = JSInterop.SetupModule(BrowserInterop.ModulePath).Setup<bool>("copyText", hex);
        copy.SetResult(true);
        var table = Render<PcrTable>(p => p.Add(x => x.Pcrs, snapshot.Pcrs));
        var value = table.Find("tr.pcr-row-16 [data-testid=pcr-value]");
        Assert.Equal($"{hex[..16]}…{hex[^8..]}", value.QuerySelector(".hex-text")!.TextContent);
        Assert.Equal("Show the full PCR16", value.QuerySelector("[data-testid=hex-expand]")!.GetAttribute("aria-label"));

        // Act: expand PCR16 only
        table.Find("tr.pcr-row-16 [data-testid=hex-expand]").Click();

        // Assert
        Assert.Equal(hex, table.Find("tr.pcr-row-16 .hex-text").TextContent);
        Assert.Equal("true", table.Find("tr.pcr-row-16 [data-testid=hex-expand]").GetAttribute("aria-expanded"));
        Assert.Equal("Show less of PCR16", table.Find("tr.pcr-row-16 [data-testid=hex-expand]").GetAttribute("aria-label"));
        Assert.Contains("…", table.Find("tr.pcr-row-17 .hex-text").TextContent, StringComparison.Ordinal);

        // Act: collapse again, and copy
        table.Find("tr.pcr-row-16 [data-testid=hex-expand]").Click();
        Assert.Contains("…", table.Find("tr.pcr-row-16 .hex-text").TextContent, StringComparison.Ordinal);
        Assert.Equal("Copy PCR16", table.Find("tr.pcr-row-16 [data-testid=hex-copy]").GetAttribute("aria-label"));
        table.Find("tr.pcr-row-16 [data-testid=hex-copy]").Click();

        // Assert: the browser was asked to copy the full value
        table.WaitForAssertion(() => Assert.Single(copy.Invocations));
    }
}
