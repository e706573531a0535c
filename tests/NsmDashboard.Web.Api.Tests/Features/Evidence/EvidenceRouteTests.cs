using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Attestation;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Replay;
using NsmDashboard.Evidence.Verification;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Features.Evidence;

namespace NsmDashboard.Web.Api.Tests.Features.Evidence;

/// <summary>
/// The evidence routes of the real dashboard (docs/audit-trail.md): exports that verify on their own, checkpoints over
/// the caller's nonce that prove them, gaps that the chain explains, the reserved user_data, and a replay of the
/// exported event log that re-checks the dashboard's own verdict.
/// </summary>
public sealed class EvidenceRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_is_a_chained_record_and_the_export_with_a_checkpoint_proves_all_of_them()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "one" }));
        await ApiAssert.OkAsync(await client.PostAsync("/api/pcrs/17/lock", null, Ct));
        using (var viewer = api.CreateViewerClient())
        {
            // Denied, and recorded as such.
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostJsonAsync("/api/pcrs/18/extend", new { text = "no" })).StatusCode);
        }

        var checkpoint = await CheckpointAsync(client, "audit", [1, 2, 3]);
        var export = await ExportAsync(client, "audit");

        var report = Verify(api, With(export, checkpoint));
        Assert.True(report.IsIntact, report.Problem?.Message);
        Assert.Equal(3, checkpoint.Checkpoint.Sequence);
        // Records 1–3 are proven; record 4, the checkpoint's own attestation, waits for the next one.
        Assert.Equal((3L, 4L), (report.Chains[0].ProvenThrough!.Value, report.Chains[0].LastSequence));
        var audit = await ApiAssert.OkAsync(await client.GetAsync("/api/audit", Ct));
        var entries = audit.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(api.Services.GetRequiredService<NsmDashboard.Web.Features.Audit.AuditTrail>().Chain.Genesis.Hash.ToString(), entries[0].GetProperty("prev").GetString());
        Assert.Equal(entries[0].GetProperty("hash").GetString(), entries[1].GetProperty("prev").GetString());
        Assert.Equal(audit.GetProperty("chainId").GetString(), entries[0].GetProperty("prev").GetString());
    }

    [Fact]
    public async Task A_checkpoint_carries_the_callers_nonce_the_head_and_every_PCR_and_is_itself_audited()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateViewerClient();
        var nonce = RandomNumberGenerator.GetBytes(32);

        var line = await CheckpointAsync(client, "eventlog", nonce);

        var verification = new CheckpointVerifier(Root(api)).Verify(line.Document, nonce, DateTimeOffset.UtcNow);
        Assert.True(verification.IsValid, verification.Reason);
        Assert.Equal(EvidenceLog.EventLog, line.Checkpoint.Stream);
        Assert.Equal(0, line.Checkpoint.Sequence);
        Assert.Equal(32, line.Pcrs!.Entries.Count);
        Assert.Equal(CheckpointLine.TakenOnRequest, line.Taken);
        Assert.True(line.AgreesWith(verification, out var problem), problem);
        var audit = await ApiAssert.OkAsync(await client.GetAsync("/api/audit?operation=Attestation", Ct));
        var record = audit.GetProperty("entries").EnumerateArray().Single();
        Assert.Equal("server", record.GetProperty("channel").GetString());
        Assert.Equal("checkpoint-eventlog", record.GetProperty("session").GetString());
        Assert.StartsWith("checkpoint of eventlog record 0", record.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checkpoint_route_needs_a_nonce_and_a_signed_in_caller()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateViewerClient();
        using var anonymous = api.CreateAnonymousClient();

        await ApiAssert.ProblemAsync(await client.GetAsync("/api/audit/checkpoint", Ct), HttpStatusCode.BadRequest, "InvalidArgument");
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/audit/checkpoint?nonce=xyz", Ct), HttpStatusCode.BadRequest, "InvalidArgument");
        await ApiAssert.ProblemAsync(await client.GetAsync($"/api/audit/checkpoint?nonce={new string('a', 1026)}", Ct), HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/audit/checkpoint?nonce=00", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/audit/export", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_export_resumes_after_a_cursor_and_starts_over_for_another_chain()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = $"n{i}" }));
        }

        var chain = api.Services.GetRequiredService<NsmDashboard.Web.Features.Audit.AuditTrail>().Chain.Genesis.Hash.ToString();
        var after1 = Lines(await ExportAsync(client, "audit", "?after=1&chain=" + chain));
        var other = Lines(await ExportAsync(client, "audit", "?after=2&chain=" + new string('0', 96)));
        using var response = await client.GetAsync("/api/audit/export?after=2", Ct);

        Assert.Equal([2L, 3], after1.Select(Sequence));
        Assert.Equal([0L, 1, 2, 3], other.Select(Sequence));
        Assert.Equal("application/jsonl", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(chain, response.Headers.GetValues(EvidenceEndpoints.ChainHeader).Single());
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/audit/export?after=9", Ct), HttpStatusCode.Conflict, EvidenceEndpoints.CursorBeyondHeadCode);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/audit/export?after=-2", Ct), HttpStatusCode.BadRequest, "InvalidArgument");
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/audit/export?after=x", Ct), HttpStatusCode.BadRequest, "InvalidArgument");
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/audit/export?chain=ABC", Ct), HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Fact]
    public async Task Records_dropped_before_any_export_become_a_gap_the_chain_names_as_lost()
    {
        // The chain's window holds both stores' capacities: 3 operations and 1 summary of denials.
        await using var api = new ApiFactory(settings: new Dictionary<string, string?> { ["Audit:Capacity"] = "3", ["Audit:DenialCapacity"] = "1" });
        using var client = api.CreateClient();
        for (var i = 0; i < 6; i++)
        {
            await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = $"n{i}" }));
        }

        var checkpoint = await CheckpointAsync(client, "audit", [9]);
        var export = await ExportAsync(client, "audit");

        var report = Verify(api, With(export, checkpoint));
        Assert.True(report.IsIntact, report.Problem?.Message);
        Assert.Equal(6, report.Chains[0].ProvenThrough);
        var gap = Assert.Single(report.Chains[0].Gaps);
        Assert.Equal((1L, 3L, 3L), (gap.From, gap.Through, gap.Lost));
        var status = await ApiAssert.OkAsync(await client.GetAsync("/api/audit/chain", Ct));
        Assert.Equal(3, status.GetProperty("lost").GetInt64());
        Assert.Equal(7, status.GetProperty("headSequence").GetInt64());
    }

    [Fact]
    public async Task User_data_in_the_evidence_domain_is_refused_even_to_an_operator()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var forged = new Checkpoint(EvidenceLog.Audit, 99, EvidenceHash.Compute([1]), EvidenceHash.Compute([2])).Encode();

        var response = await client.PostJsonAsync("/api/attestation", new { userData = Convert.ToHexStringLower(forged) });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden, "Forbidden");
        Assert.Contains("reserved for the dashboard's own checkpoints", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_exported_event_log_replays_outside_the_dashboard_to_its_own_verdict()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "one" }));
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/17/extend", new { text = "two", @private = true }));
        await new NsmClient(api.Emulator).ExtendPcrAsync(17, "outside"u8.ToArray(), Ct);
        var checkpoint = await CheckpointAsync(client, "eventlog", [7]);
        var export = await ExportAsync(client, "eventlog");
        var dashboard17 = await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs/17/replay", Ct));

        var replay = new EventLogReplay();
        var report = Verify(api, With(export, checkpoint), replay);
        var result = replay.Evaluate(report);

        Assert.True(report.IsComplete, report.Problem?.Message);
        Assert.Equal(ReplayVerdict.Explained, result.Pcrs.Single(p => p.Index == 16).Verdict);
        var pcr17 = result.Pcrs.Single(p => p.Index == 17);
        Assert.Equal(ReplayVerdict.ChangedOutside, pcr17.Verdict);
        Assert.Equal("changedOutside", dashboard17.GetProperty("verdict").GetString());
        Assert.Equal(dashboard17.GetProperty("divergesAfter").GetInt64(), pcr17.DivergesAfter);
        Assert.Equal(dashboard17.GetProperty("live").GetString(), pcr17.Attested);
    }

    [Fact]
    public async Task The_dashboard_checkpoints_on_its_own_and_exports_its_checkpoints_with_the_records()
    {
        await using var api = new ApiFactory(settings: new Dictionary<string, string?> { ["Audit:CheckpointInterval"] = "00:00:01" });
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { text = "one" }));
        var checkpoints = api.Services.GetRequiredService<EvidenceCheckpoints>();

        await WaitUntilAsync(() => checkpoints.Kept(EvidenceLog.Audit).Count > 0 && checkpoints.Kept(EvidenceLog.EventLog).Count > 0);
        var export = await ExportAsync(client, "audit");

        Assert.Contains("\"taken\":\"interval\"", export, StringComparison.Ordinal);
        var report = Verify(api, export);
        Assert.True(report.IsIntact, report.Problem?.Message);
        Assert.True(report.Chains[0].ProvenThrough >= 1);
        var status = await ApiAssert.OkAsync(await client.GetAsync("/api/eventlog/chain", Ct));
        Assert.Equal("interval", status.GetProperty("latestCheckpoint").GetProperty("taken").GetString());
        Assert.True(status.GetProperty("latestCheckpoint").GetProperty("pcrTable").GetBoolean());
    }

    internal static async Task<CheckpointLine> CheckpointAsync(HttpClient client, string stream, byte[] nonce)
    {
        var body = await ApiAssert.OkAsync(await client.GetAsync($"/api/{stream}/checkpoint?nonce={Convert.ToHexStringLower(nonce)}", Ct));
        Assert.True(CheckpointLine.TryRead(EvidenceJson.ParseObject(Encoding.UTF8.GetBytes(body.GetRawText())), out var line, out var problem), problem);
        return line;
    }

    internal static async Task<string> ExportAsync(HttpClient client, string stream, string query = "")
    {
        using var response = await client.GetAsync($"/api/{stream}/export{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static AttestationTrustRoot Root(ApiFactory api) => AttestationTrustRoot.Emulator(api.Emulator.CertificateAuthority.RootCertificate);

    private static TrailReport Verify(ApiFactory api, string trail, ITrailObserver? observer = null)
    {
        var verifier = new TrailVerifier(new CheckpointVerifier(Root(api)), observer);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(trail));
        return TrailFile.VerifyAsync(input, verifier, Ct).GetAwaiter().GetResult();
    }

    // The trail as nsm audit pull writes it: the export, then the checkpoint it fetched.
    private static string With(string export, CheckpointLine checkpoint) =>
        export + Encoding.UTF8.GetString(CanonicalJson.Serialize(checkpoint.ToObject())) + "\n";

    private static string[] Lines(string trail) => trail.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static long Sequence(string line) => JsonDocument.Parse(line).RootElement.GetProperty("seq").GetInt64();

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
