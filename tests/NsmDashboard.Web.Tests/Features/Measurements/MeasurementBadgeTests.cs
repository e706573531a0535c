using NsmDashboard.Attestation;
using NsmDashboard.Web.Features.Attestation.DocumentView;
using NsmDashboard.Web.Features.Measurements;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Measurements;

public sealed class MeasurementBadgeTests : NsmDashboardTestContext
{
    private ExpectedMeasurementStore Store => Services.GetRequiredService<ExpectedMeasurementStore>();

    [Fact]
    public async Task The_PCR_table_marks_rows_that_match_or_differ_and_leaves_others_bare()
    {
        var pcrs = (await State.GetSnapshotAsync(TestContext.Current.CancellationToken)).Pcrs;
        Store.Add(new ExpectedPcrSet("release-42", [new(0, pcrs[0].Value), new(1, new byte[48])]), ExpectedMeasurementSet.ManualSource);

        var table = Render<PcrTable>(p => p.Add(x => x.Pcrs, pcrs));

        Assert.Equal("Matches", table.Find("tr.pcr-row-0 [data-testid=measurement-badge]").GetAttribute("data-kind"));
        Assert.Contains("release-42", table.Find("tr.pcr-row-0 [data-testid=measurement-badge]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Differs", table.Find("tr.pcr-row-1 [data-testid=measurement-badge]").GetAttribute("data-kind"));
        Assert.Equal(2, table.FindAll("[data-testid=measurement-badge]").Count);
    }

    [Fact]
    public void A_debug_mode_document_is_marked_zero_because_of_debug_mode()
    {
        var document = AttestationDocument.Decode(AwsVectors.Nitrite);
        Store.Add(new ExpectedPcrSet("release-42", [new(0, Enumerable.Repeat((byte)7, 48).ToArray()), new(4, new byte[48])]), ExpectedMeasurementSet.ManualSource);

        var table = Render<PcrComparisonTable>(p => p.Add(x => x.DocumentPcrs, document.Pcrs));

        Assert.Equal("DebugZero", table.Find(".pcr-compare-row-0 [data-testid=measurement-badge]").GetAttribute("data-kind"));
        Assert.Equal("Differs", table.Find(".pcr-compare-row-4 [data-testid=measurement-badge]").GetAttribute("data-kind"));
    }
}

