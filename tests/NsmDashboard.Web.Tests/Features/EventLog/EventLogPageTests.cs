using System.Text;
using Microsoft.AspNetCore.Components.Forms;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.EventLog;

public sealed class EventLogPageTests : NsmDashboardTestContext
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shows_entries_and_marks_a_PCR_changed_outside_with_its_divergence_point()
    {
        await Operations.ExtendPcrAsync(16, "config:v1"u8.ToArray(), OtherOperator, Ct);
        await Operations.ExtendPcrAsync(17, "app"u8.ToArray(), OtherOperator, Ct);
        await new NsmClient(Emulator).ExtendPcrAsync(17, "rogue"u8.ToArray(), Ct);
        RenderProviders();

        var page = Render<EventLogPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=eventlog-entry]").Count));
        Assert.Equal("Explained", page.Find("[data-testid=replay-row][data-index='16']").GetAttribute("data-verdict"));
        var changed = page.Find("[data-testid=replay-row][data-index='17']");
        Assert.Equal("ChangedOutside", changed.GetAttribute("data-verdict"));
        Assert.Contains("changed outside this dashboard", changed.TextContent, StringComparison.Ordinal);
        Assert.Contains("diverges after entry #2", changed.QuerySelector("[data-testid=replay-diverges]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("“config:v1”", page.Find("[data-testid=eventlog-entry][data-sequence='1']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=replay-row][data-index='18']"));
    }

    [Fact]
    public async Task A_dashboard_extend_refreshes_the_verdicts_and_an_outside_one_shows_on_replay_now()
    {
        RenderProviders();
        var page = Render<EventLogPage>();
        page.WaitForElement("[data-testid=eventlog-empty]");

        await Operations.ExtendPcrAsync(20, new byte[] { 1 }, OtherOperator, Ct);
        page.WaitForAssertion(() => Assert.Equal("Explained", page.Find("[data-testid=replay-row][data-index='20']").GetAttribute("data-verdict")));
        await new NsmClient(Emulator).ExtendPcrAsync(20, new byte[] { 2 }, Ct);
        await page.Find("[data-testid=refresh]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("ChangedOutside", page.Find("[data-testid=replay-row][data-index='20']").GetAttribute("data-verdict")));
        Assert.Contains("entry #1", page.Find("[data-testid=replay-row][data-index='20'] [data-testid=replay-diverges]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_extend_shows_no_data()
    {
        await Operations.ExtendPcrAsync(21, "secret"u8.ToArray(), OtherOperator, new ExtendDataOptions(Private: true), Ct);
        RenderProviders();

        var page = Render<EventLogPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=eventlog-private]")));
        Assert.DoesNotContain("secret", page.Find("[data-testid=eventlog-entries]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_is_checked_against_the_log_PCR_by_PCR()
    {
        await Operations.ExtendPcrAsync(16, "ok"u8.ToArray(), OtherOperator, Ct);
        await Operations.ExtendPcrAsync(17, "ok"u8.ToArray(), OtherOperator, Ct);
        await new NsmClient(Emulator).ExtendPcrAsync(17, "rogue"u8.ToArray(), Ct);
        await Operations.LockPcrAsync(16, OtherOperator, Ct);
        await Operations.LockPcrAsync(17, OtherOperator, Ct);
        var document = await Operations.GetAttestationDocumentAsync(new AttestationRequest(), OtherOperator, Ct);
        RenderProviders();
        var page = Render<EventLogPage>();

        page.Find("[data-testid=eventlog-document]").Input(Convert.ToBase64String(document.Span));
        await page.Find("[data-testid=eventlog-check]").ClickAsync(new());

        var results = page.Find("[data-testid=eventlog-check-results]");
        Assert.Equal("Explained", results.QuerySelector("[data-index='16']")!.GetAttribute("data-verdict"));
        Assert.Equal("ChangedOutside", results.QuerySelector("[data-index='17']")!.GetAttribute("data-verdict"));
        Assert.Contains("does not match the log", results.QuerySelector("[data-index='17']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("BootMeasured", results.QuerySelector("[data-index='0']")!.GetAttribute("data-verdict"));
    }

    [Fact]
    public async Task An_imported_log_is_used_for_the_check_and_a_bad_file_is_refused_with_the_member()
    {
        RenderProviders();
        var page = Render<EventLogPage>();
        var input = page.FindComponent<InputFile>();

        input.UploadFiles(InputFileContent.CreateFromText("{\"entries\": [{\"sequence\": 1}]}", "bad.json"));
        page.WaitForAssertion(() => Assert.Contains("entries[0]", page.Find("[data-testid=eventlog-import-error]").TextContent, StringComparison.Ordinal));

        var export = "{\"capacity\": 10, \"entries\": [], \"gaps\": [{\"index\": 16, \"missingThrough\": 4}]}";
        input.UploadFiles(InputFileContent.CreateFromBinary(Encoding.UTF8.GetBytes(export), "old.json"));

        page.WaitForAssertion(() => Assert.Contains("from old.json", page.Find("[data-testid=eventlog-imported]").TextContent, StringComparison.Ordinal));
        Assert.Contains("the imported log", page.Find("[data-testid=eventlog-check]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(Services.GetRequiredService<ImportedPcrEventLog>().Current);
    }
}
