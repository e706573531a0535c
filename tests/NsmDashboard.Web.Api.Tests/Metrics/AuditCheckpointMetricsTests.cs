using System.Globalization;
using System.Text.RegularExpressions;
using NsmDashboard.Web.Api.Tests.Features.Evidence;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Metrics;

/// <summary>The checkpoint gauges the "checkpoint overdue" rule reads (docs/metrics.md, "Checkpoint age").</summary>
public sealed class AuditCheckpointMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Before_the_first_checkpoint_the_age_runs_from_the_start_and_the_records_wait()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "one" }));

        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);

        Assert.True(Value(text, "dashboard_audit_checkpoint_age_seconds") >= 0);
        Assert.DoesNotContain("dashboard_audit_checkpoint_timestamp_seconds ", text, StringComparison.Ordinal);
        Assert.Equal(300, Value(text, "dashboard_audit_checkpoint_interval_seconds"));
        Assert.Equal(1, Value(text, "dashboard_audit_unproven_records"));
    }

    [Fact]
    public async Task A_checkpoint_sets_the_timestamp_to_its_documents_and_leaves_nothing_waiting_but_its_own_attestation()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "one" }));
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "two" }));

        var checkpoint = await EvidenceRouteTests.CheckpointAsync(client, "audit", [1, 2, 3]);
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);

        Assert.True(NsmDashboard.Attestation.AttestationDocument.TryDecode(checkpoint.Document.Span, out var document, out _));
        Assert.Equal(document!.Timestamp!.Value.ToUnixTimeMilliseconds() / 1000.0, Value(text, "dashboard_audit_checkpoint_timestamp_seconds"));
        Assert.True(Value(text, "dashboard_audit_checkpoint_age_seconds") >= 0);
        // The checkpoint's own attestation record comes after it and needs no checkpoint of its own.
        Assert.Equal(0, Value(text, "dashboard_audit_unproven_records"));

        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "three" }));
        Assert.Equal(1, Value(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct), "dashboard_audit_unproven_records"));
    }

    private static double Value(string exposition, string name)
    {
        var match = Regex.Match(exposition, "^" + Regex.Escape(name) + " (\\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} is not in the scrape:\n{exposition}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
