using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Features.Evidence;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Evidence;

/// <summary>The chain cards of the Audit page: this run's head and newest checkpoint, updated as they change.</summary>
public sealed class EvidenceChainCardTests : NsmDashboardTestContext
{
    [Fact]
    public void A_new_chain_shows_its_module_its_genesis_as_head_and_no_checkpoint()
    {
        // Act
        var card = Render<EvidenceChainCard>(p => p.Add(c => c.Stream, EvidenceLog.Audit));

        // Assert
        var chain = Services.GetRequiredService<AuditTrail>().Chain;
        Assert.Equal("record 0", card.Find("[data-testid=chain-head]").TextContent);
        Assert.Equal(chain.Genesis.Hash.ToString(), card.Find("[data-testid=chain-id]").GetAttribute("data-value"));
        Assert.StartsWith(Emulator.ModuleId, card.Find("[data-testid=chain-module]").TextContent, StringComparison.Ordinal);
        Assert.Contains("none yet", card.Find("[data-testid=chain-checkpoint]").TextContent, StringComparison.Ordinal);
        Assert.Contains("--out audit.jsonl", card.Find("[data-testid=chain-pull-command]").GetAttribute("data-value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_move_both_heads_and_a_checkpoint_shows_with_the_records_since()
    {
        // Arrange
        var audit = Render<EvidenceChainCard>(p => p.Add(c => c.Stream, EvidenceLog.Audit));
        var eventLog = Render<EvidenceChainCard>(p => p.Add(c => c.Stream, EvidenceLog.EventLog));
        var ct = TestContext.Current.CancellationToken;

        // Act
        await Operations.ExtendPcrAsync(16, new byte[] { 1 }, OtherOperator, ct);
        await Services.GetRequiredService<EvidenceCheckpoints>().TakeAsync(EvidenceLog.EventLog, [1, 2, 3], CheckpointLine.TakenOnRequest, null, ct);
        await Operations.ExtendPcrAsync(16, new byte[] { 2 }, OtherOperator, ct);

        // Assert: audit 1 extend, 2 the checkpoint's own attestation, 3 the second extend.
        audit.WaitForAssertion(() => Assert.Equal("record 3", audit.Find("[data-testid=chain-head]").TextContent));
        eventLog.WaitForAssertion(() => Assert.Equal("record 2", eventLog.Find("[data-testid=chain-head]").TextContent));
        var checkpoint = eventLog.Find("[data-testid=chain-checkpoint]").TextContent;
        Assert.Contains("record 1,", checkpoint, StringComparison.Ordinal);
        Assert.Contains("request", checkpoint, StringComparison.Ordinal);
        Assert.Contains("1 record(s) since", checkpoint, StringComparison.Ordinal);
        Assert.Contains("--stream eventlog", eventLog.Find("[data-testid=chain-pull-command]").GetAttribute("data-value"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_page_shows_both_chains()
    {
        // Act
        RenderProviders();
        var page = Render<AuditPage>();

        // Assert
        Assert.NotNull(page.Find("[data-testid=chain-card-audit]"));
        Assert.NotNull(page.Find("[data-testid=chain-card-eventlog]"));
    }
}
