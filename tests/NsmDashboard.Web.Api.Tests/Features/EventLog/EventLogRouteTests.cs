using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Features.EventLog;

public sealed class EventLogRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Extends_through_the_API_appear_in_the_event_log_in_order()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "010203" }));
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/17/extend", new { text = "secret", @private = true }));

        var log = await ApiAssert.OkAsync(await client.GetAsync("/api/eventlog", Ct));

        Assert.Equal(["capacity", "entries", "gaps"], ApiAssert.MemberNames(log));
        var entries = log.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(2, entries.Length);
        Assert.Equal(
            ["sequence", "index", "dataSha384", "dataLength", "data", "before", "after", "user", "time", "dataDropped", "prev", "hash"],
            ApiAssert.MemberNames(entries[0]));
        Assert.Equal(1, entries[0].GetProperty("sequence").GetInt64());
        Assert.Equal("010203", entries[0].GetProperty("data").GetString());
        Assert.Equal(ExpectedPcr.Zero, entries[0].GetProperty("before").GetString());
        Assert.Equal(ExpectedPcr.Extend(ExpectedPcr.Zero, [1, 2, 3]), entries[0].GetProperty("after").GetString());
        Assert.Equal(TestIdentities.OperatorTokenName, entries[0].GetProperty("user").GetString());
        // Private: no data, but its hash and length.
        Assert.Equal(JsonValueKind.Null, entries[1].GetProperty("data").ValueKind);
        Assert.Equal(6, entries[1].GetProperty("dataLength").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA384.HashData("secret"u8)), entries[1].GetProperty("dataSha384").GetString());
    }

    [Fact]
    public async Task Replay_explains_API_extends_and_flags_an_extend_made_through_the_transport()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/18/extend", new { text = "one" }));
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/18/extend", new { text = "two" }));
        var explained = await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs/18/replay", Ct));

        await new NsmClient(api.Emulator).ExtendPcrAsync(18, "outside"u8.ToArray(), Ct);
        var changed = await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs/18/replay", Ct));

        Assert.Equal(
            ["index", "explained", "replayed", "live", "divergesAfter", "verdict", "entries", "reason"],
            ApiAssert.MemberNames(explained));
        Assert.True(explained.GetProperty("explained").GetBoolean());
        Assert.Equal(explained.GetProperty("live").GetString(), explained.GetProperty("replayed").GetString());
        Assert.Equal(JsonValueKind.Null, explained.GetProperty("divergesAfter").ValueKind);
        Assert.False(changed.GetProperty("explained").GetBoolean());
        Assert.Equal("changedOutside", changed.GetProperty("verdict").GetString());
        Assert.Equal(2, changed.GetProperty("divergesAfter").GetInt64());
        Assert.Equal(explained.GetProperty("replayed").GetString(), changed.GetProperty("replayed").GetString());
        Assert.NotEqual(changed.GetProperty("replayed").GetString(), changed.GetProperty("live").GetString());
    }

    [Theory]
    [InlineData("abc", HttpStatusCode.BadRequest, "InvalidArgument")]
    [InlineData("32", HttpStatusCode.NotFound, "InvalidIndex")]
    [InlineData("70000", HttpStatusCode.NotFound, "InvalidIndex")]
    public async Task Replay_of_a_bad_index_is_a_problem(string index, HttpStatusCode status, string errorCode)
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        await ApiAssert.ProblemAsync(await client.GetAsync($"/api/pcrs/{index}/replay", Ct), status, errorCode);
    }

    [Fact]
    public async Task An_export_imports_unchanged_and_replays_per_PCR()
    {
        await using var source = new ApiFactory();
        using var sourceClient = source.CreateClient();
        await ApiAssert.OkAsync(await sourceClient.PostJsonAsync("/api/pcrs/19/extend", new { text = "a" }));
        var after = (await ApiAssert.OkAsync(await sourceClient.PostJsonAsync("/api/pcrs/19/extend", new { text = "b" }))).GetProperty("value").GetString();
        var export = await (await sourceClient.GetAsync("/api/eventlog", Ct)).Content.ReadAsStringAsync(Ct);

        await using var target = new ApiFactory();
        using var targetClient = target.CreateClient();
        var replayed = await ApiAssert.OkAsync(await targetClient.PostRawAsync("/api/eventlog/import", export));

        var only = Assert.Single(replayed.EnumerateArray());
        Assert.Equal(19, only.GetProperty("index").GetInt32());
        Assert.Equal(after, only.GetProperty("replayed").GetString());
        Assert.Equal("notCompared", only.GetProperty("verdict").GetString());
    }

    [Theory]
    [InlineData("{", "InvalidArgument")]
    [InlineData("{}", "InvalidArgument")]
    [InlineData("{\"entries\": [{\"sequence\": 1}]}", "InvalidArgument")]
    [InlineData("{\"entries\": [], \"extra\": 1}", "InvalidArgument")]
    [InlineData("{\"entries\": \"nope\"}", "InvalidArgument")]
    public async Task A_bad_import_is_a_typed_400(string body, string errorCode)
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        await ApiAssert.ProblemAsync(await client.PostRawAsync("/api/eventlog/import", body), HttpStatusCode.BadRequest, errorCode);
    }

    [Fact]
    public async Task An_import_whose_data_does_not_hash_to_its_digest_is_refused()
    {
        var entry = new
        {
            sequence = 1,
            index = 16,
            dataSha384 = new string('a', 96),
            dataLength = 1,
            data = "00",
            before = ExpectedPcr.Zero,
            after = ExpectedPcr.Extend(ExpectedPcr.Zero, [0]),
            user = "x",
            time = DateTimeOffset.UnixEpoch,
        };
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        var problem = await ApiAssert.ProblemAsync(
            await client.PostJsonAsync("/api/eventlog/import", new { entries = new[] { entry } }), HttpStatusCode.BadRequest, "InvalidArgument");

        Assert.Contains("entries[0].data", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_is_checked_against_the_dashboard_log_PCR_by_PCR()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "ok" }));
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/17/extend", new { text = "ok" }));
        await new NsmClient(api.Emulator).ExtendPcrAsync(17, "outside"u8.ToArray(), Ct);
        await ApiAssert.OkAsync(await client.PostRawAsync("/api/pcrs/lock", "{\"range\": 18}"));
        var document = (await ApiAssert.OkAsync(await client.PostJsonAsync("/api/attestation", new { }))).GetProperty("document").GetString();

        var check = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/eventlog/check", new { document }));
        var noImport = await client.PostJsonAsync("/api/eventlog/check", new { document, log = "imported" });
        var notADocument = await client.PostJsonAsync("/api/eventlog/check", new { document = "00112233" });

        Assert.Equal("dashboard", check.GetProperty("log").GetString());
        var pcrs = check.GetProperty("pcrs").EnumerateArray().ToDictionary(p => p.GetProperty("index").GetInt32());
        Assert.Equal(18, pcrs.Count);
        Assert.True(pcrs[16].GetProperty("matches").GetBoolean());
        Assert.Equal("explained", pcrs[16].GetProperty("verdict").GetString());
        Assert.False(pcrs[17].GetProperty("matches").GetBoolean());
        Assert.Equal(2, pcrs[17].GetProperty("divergesAfter").GetInt64());
        Assert.Equal("bootMeasured", pcrs[0].GetProperty("verdict").GetString());
        await ApiAssert.ProblemAsync(noImport, HttpStatusCode.Conflict, "NoImportedLog");
        await ApiAssert.ProblemAsync(notADocument, HttpStatusCode.BadRequest, "InvalidArgument");
    }
}
