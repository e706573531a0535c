using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Features.Evidence;

namespace NsmDashboard.Web.Api.Tests.Features.Evidence;

/// <summary>
/// The export as a long poll (<c>wait</c>): what <c>nsm audit pull --follow</c> holds open so that records reach it as
/// they are made, bounded by its wait and never repeating what the caller already has.
/// </summary>
public sealed class EvidenceLongPollTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_record_made_while_the_export_waits_is_sent_at_once_and_ends_the_response()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "one" }));
        var chain = api.Services.GetRequiredService<AuditTrail>().Chain;
        var head = chain.Head.Sequence;
        // Far longer than the test may take: the response must end because of the record, not the wait.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(TimeSpan.FromSeconds(60));

        using var response = await client.GetAsync(
            $"/api/audit/export?after={head}&chain={chain.Genesis.Hash}&wait=300", HttpCompletionOption.ResponseHeadersRead, bounded.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reading = response.Content.ReadAsStringAsync(bounded.Token);
        Assert.False(reading.IsCompleted, $"The export after the head ended with nothing new: {reading.Status}");
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "two" }));
        var body = await reading;

        var sequences = Lines(body).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ToArray();
        Assert.Equal(head + 1, sequences[0]);
        Assert.All(sequences, s => Assert.True(s > head));
    }

    [Fact]
    public async Task With_nothing_new_the_export_ends_empty_when_the_wait_is_over()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var chain = api.Services.GetRequiredService<AuditTrail>().Chain;

        using var response = await client.GetAsync($"/api/audit/export?after={chain.Head.Sequence}&chain={chain.Genesis.Hash}&wait=1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_caller_that_goes_away_ends_the_wait()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var chain = api.Services.GetRequiredService<AuditTrail>().Chain;
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var response = await client.GetAsync(
            $"/api/audit/export?after={chain.Head.Sequence}&chain={chain.Genesis.Hash}&wait=300", HttpCompletionOption.ResponseHeadersRead, gone.Token);
        var reading = response.Content.ReadAsStringAsync(gone.Token);
        await gone.CancelAsync();

        var ended = await Record.ExceptionAsync(() => reading);
        Assert.True(ended is OperationCanceledException or IOException, ended?.ToString() ?? "The read ended normally");
        response.Dispose();
        // The dashboard still answers at once: the abandoned wait holds nothing.
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "after" }));
    }

    [Fact]
    public async Task Checkpoints_at_records_the_caller_has_are_not_sent_again()
    {
        await using var api = new ApiFactory(settings: new Dictionary<string, string?> { ["Audit:CheckpointInterval"] = "00:00:01" });
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "one" }));
        var checkpoints = api.Services.GetRequiredService<EvidenceCheckpoints>();
        var chain = api.Services.GetRequiredService<AuditTrail>().Chain;
        await WaitUntilAsync(() => checkpoints.Kept(EvidenceLog.Audit).Count > 0);
        var everything = await EvidenceRouteTests.ExportAsync(client, "audit");
        var last = Lines(everything).Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.TryGetProperty("seq", out _)).Max(e => e.GetProperty("seq").GetInt64());

        var again = await EvidenceRouteTests.ExportAsync(client, "audit", $"?after={last}&chain={chain.Genesis.Hash}");

        Assert.Contains("\"taken\":\"interval\"", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Lines(again), l => l.Contains("\"type\":\"checkpoint\"", StringComparison.Ordinal)
            && JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64() <= last);
    }

    [Theory]
    [InlineData("301")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("soon")]
    public async Task A_wait_outside_0_to_300_seconds_is_refused(string wait)
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        await ApiAssert.ProblemAsync(await client.GetAsync($"/api/audit/export?wait={Uri.EscapeDataString(wait)}", Ct), HttpStatusCode.BadRequest, "InvalidArgument");
    }

    private static string[] Lines(string trail) => trail.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(100, Ct);
        }
    }
}
