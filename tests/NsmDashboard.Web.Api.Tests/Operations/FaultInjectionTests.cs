using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Emulator.Faults;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Api.Tests.Operations;

/// <summary>
/// The whole API over a device that fails on a schedule (the emulator behind <see cref="FaultInjectingNsmTransport"/>):
/// every route shows the errno or the protocol error, recovers when the device does, and no mutation is half-recorded —
/// the audit trail and the event log agree with what the emulated NSM actually holds.
/// </summary>
public sealed class FaultInjectionTests : IAsyncDisposable
{
    private readonly NsmEmulator _emulator = new();
    private readonly NsmFaultSchedule _schedule = new();
    private readonly FaultInjectingNsmTransport _transport;
    private readonly ApiFactory _api;
    private readonly HttpClient _client;
    private readonly List<PcrChange> _changes = [];
    private readonly IDisposable _subscription;

    public FaultInjectionTests()
    {
        _transport = new FaultInjectingNsmTransport(_emulator, _schedule);
        _api = new ApiFactory(_transport);
        _client = _api.CreateClient();
        _subscription = _api.Services.GetRequiredService<PcrChangeNotifier>().Subscribe(c =>
        {
            lock (_changes)
            {
                _changes.Add(c);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _client.Dispose();
        await _api.DisposeAsync();
        _transport.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> ReadRoutes => ["/api/nsm", "/api/pcrs", "/api/pcrs/16", "/api/random", "/api/pcrs/16/replay", "/healthz"];

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task During_an_EIO_window_a_read_route_answers_503_with_the_errno_and_after_recovery_200(string route)
    {
        // Arrange
        _schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Eio });

        // Act
        var during = await _client.GetAsync(route, Ct);
        _schedule.Clear();
        var after = await _client.GetAsync(route, Ct);

        // Assert
        var problem = await ApiAssert.ProblemAsync(during, HttpStatusCode.ServiceUnavailable, "InternalError");
        Assert.Equal(5, problem.GetProperty("errno").GetInt32());
        Assert.Equal("EIO", problem.GetProperty("errnoName").GetString());
        Assert.Contains("errno 5", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [InlineData(NsmFaultKind.Garbage)]
    [InlineData(NsmFaultKind.Truncated)]
    public async Task An_answer_that_does_not_decode_is_502_InvalidResponse_with_its_offset(NsmFaultKind kind)
    {
        _schedule.Set(new NsmFaultRule { Kind = kind, Operations = ["DescribeNSM"] });

        var problem = await ApiAssert.ProblemAsync(await _client.GetAsync("/api/nsm", Ct), HttpStatusCode.BadGateway, "InvalidResponse");

        Assert.True(problem.TryGetProperty("offset", out _));
        Assert.StartsWith("Protocol error InvalidResponse", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NsmFaultKind.Garbage, null, HttpStatusCode.BadGateway, "InvalidResponse")]
    [InlineData(NsmFaultKind.Truncated, null, HttpStatusCode.BadGateway, "InvalidResponse")]
    [InlineData(NsmFaultKind.Etimedout, NsmFaultPhase.AfterDevice, HttpStatusCode.ServiceUnavailable, "InternalError")]
    public async Task An_extend_the_NSM_applied_but_whose_answer_was_lost_is_Unknown_in_the_audit_absent_from_the_event_log_and_changed_outside_on_replay(
        NsmFaultKind kind, NsmFaultPhase? phase, HttpStatusCode status, string errorCode)
    {
        // Arrange: one good extend first, so the log has history to diverge from
        await ApiAssert.OkAsync(await _client.PostJsonAsync("/api/pcrs/20/extend", new { text = "first" }));
        _schedule.Set(new NsmFaultRule { Kind = kind, Phase = phase, Operations = ["ExtendPCR"], Limit = 1 });

        // Act
        await ApiAssert.ProblemAsync(await _client.PostJsonAsync("/api/pcrs/20/extend", new { text = "lost" }), status, errorCode);

        // Assert: the emulated NSM did apply it
        var first = Fold(new byte[48], "first"u8);
        var actual = Fold(first, "lost"u8);
        Assert.Equal(actual, PcrOf(20));

        // … the audit trail says outcome unknown, with the value read back, and why
        var entry = (await AuditAsync()).Last();
        Assert.Equal("ExtendPcr", entry.GetProperty("operation").GetString());
        Assert.Equal("Unknown", entry.GetProperty("outcome").GetString());
        Assert.Equal(errorCode, entry.GetProperty("errorCode").GetString());
        Assert.Equal(Convert.ToHexStringLower(first), entry.GetProperty("before")[0].GetProperty("value").GetString());
        Assert.Equal(Convert.ToHexStringLower(actual), entry.GetProperty("after")[0].GetProperty("value").GetString());
        Assert.Contains("the NSM applied it, but it never confirmed it", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // … the event log holds only the confirmed extend, and its replay shows PCR20 changed outside after it
        var log = await ApiAssert.OkAsync(await _client.GetAsync("/api/eventlog", Ct));
        var logged = Assert.Single(log.GetProperty("entries").EnumerateArray());
        var replay = await ApiAssert.OkAsync(await _client.GetAsync("/api/pcrs/20/replay", Ct));
        Assert.Equal("changedOutside", replay.GetProperty("verdict").GetString());
        Assert.Equal(logged.GetProperty("sequence").GetInt64(), replay.GetProperty("divergesAfter").GetInt64());

        // … every open view was told the value read back
        var uncertain = Assert.Single(Changes(), c => c.Kind == PcrChangeKind.Uncertain);
        Assert.Equal(actual, uncertain.Pcrs.Single().Value.ToArray());

        // … and the next extend works and is logged from the real value
        var next = await ApiAssert.OkAsync(await _client.PostJsonAsync("/api/pcrs/20/extend", new { text = "next" }));
        Assert.Equal(Convert.ToHexStringLower(Fold(actual, "next"u8)), next.GetProperty("value").GetString());
        Assert.Equal("Succeeded", (await AuditAsync()).Last().GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task An_extend_that_never_reached_the_NSM_is_Failed_with_the_PCR_read_back_unchanged_and_nothing_is_logged()
    {
        _schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Eio, Operations = ["ExtendPCR"], Limit = 1 });

        var problem = await ApiAssert.ProblemAsync(await _client.PostJsonAsync("/api/pcrs/21/extend", new { text = "x" }), HttpStatusCode.ServiceUnavailable, "InternalError");

        Assert.Equal("EIO", problem.GetProperty("errnoName").GetString());
        Assert.Equal(new byte[48], PcrOf(21));
        var entry = (await AuditAsync()).Last();
        Assert.Equal("Failed", entry.GetProperty("outcome").GetString());
        Assert.Contains("unchanged, so the NSM did not apply it", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty((await ApiAssert.OkAsync(await _client.GetAsync("/api/eventlog", Ct))).GetProperty("entries").EnumerateArray());
        Assert.Equal("explained", (await ApiAssert.OkAsync(await _client.GetAsync("/api/pcrs/21/replay", Ct))).GetProperty("verdict").GetString());
        Assert.DoesNotContain(Changes(), c => c.Kind == PcrChangeKind.Uncertain);
    }

    [Fact]
    public async Task An_extend_whose_PCR_cannot_be_read_first_is_not_sent()
    {
        // The value before is what lets the event log check the extend: without it, the extend would leave a hole.
        _schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Garbage, Operations = ["DescribePCR"], Limit = 1 });

        await ApiAssert.ProblemAsync(await _client.PostJsonAsync("/api/pcrs/22/extend", new { text = "x" }), HttpStatusCode.BadGateway, "InvalidResponse");

        Assert.Equal(new byte[48], PcrOf(22));
        var entry = (await AuditAsync()).Last();
        Assert.Equal("Failed", entry.GetProperty("outcome").GetString());
        Assert.StartsWith("Reading PCR22 before the operation failed, so the operation was not sent", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, _schedule.InjectedCount);
    }

    [Fact]
    public async Task When_the_read_back_fails_too_the_outcome_is_Unknown_without_values_and_views_are_told_to_read_again()
    {
        // The extend's answer is spoiled; the second DescribePCR (the read-back; the first is the value before) fails.
        _schedule.Set(
            new NsmFaultRule { Kind = NsmFaultKind.Garbage, Operations = ["ExtendPCR"], Limit = 1 },
            new NsmFaultRule { Kind = NsmFaultKind.Eio, Operations = ["DescribePCR"], EveryNthCall = 2, Limit = 1 });

        await ApiAssert.ProblemAsync(await _client.PostJsonAsync("/api/pcrs/23/extend", new { text = "x" }), HttpStatusCode.BadGateway, "InvalidResponse");

        var entry = (await AuditAsync()).Last();
        Assert.Equal("Unknown", entry.GetProperty("outcome").GetString());
        Assert.Empty(entry.GetProperty("after").EnumerateArray());
        Assert.Contains("Reading the PCRs back failed too (Device error EIO (errno 5) in ioctl)", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(Assert.Single(Changes(), c => c.Kind == PcrChangeKind.Uncertain).Pcrs);
        Assert.Empty((await ApiAssert.OkAsync(await _client.GetAsync("/api/eventlog", Ct))).GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task A_lock_whose_answer_was_lost_is_Unknown_with_the_PCR_read_back_locked()
    {
        _schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Truncated, Operations = ["LockPCR"], Limit = 1 });

        await ApiAssert.ProblemAsync(await _client.PostAsync("/api/pcrs/24/lock", null, Ct), HttpStatusCode.BadGateway, "InvalidResponse");

        var entry = (await AuditAsync()).Last();
        Assert.Equal(("LockPcr", "Unknown"), (entry.GetProperty("operation").GetString(), entry.GetProperty("outcome").GetString()));
        Assert.True(entry.GetProperty("after")[0].GetProperty("locked").GetBoolean());
        var pcr = await ApiAssert.OkAsync(await _client.GetAsync("/api/pcrs/24", Ct));
        Assert.True(pcr.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task A_refusal_of_the_NSM_itself_stays_a_refusal_and_nothing_is_read_back()
    {
        _schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Slow, Delay = TimeSpan.FromMilliseconds(50) });

        await ApiAssert.ProblemAsync(await _client.PostJsonAsync("/api/pcrs/3/extend", new { text = "x" }), HttpStatusCode.Conflict, "ReadOnlyIndex");

        var entry = (await AuditAsync()).Last();
        Assert.Equal("Refused", entry.GetProperty("outcome").GetString());
        Assert.Equal("ReadOnlyIndex", entry.GetProperty("errorCode").GetString());
        Assert.Empty(entry.GetProperty("after").EnumerateArray());
    }

    [Fact]
    public async Task Under_every_third_call_failing_every_recorded_extend_agrees_with_the_NSM()
    {
        // A long stretch of mixed faults, then recovery: whatever the API answered, the log's succeeded extends fold to
        // exactly the PCR where no answer was lost, and every Unknown entry holds the value the NSM really had then.
        _schedule.Set(
            new NsmFaultRule { Kind = NsmFaultKind.Garbage, EveryNthCall = 3 },
            new NsmFaultRule { Kind = NsmFaultKind.Eio, EveryNthCall = 5 },
            new NsmFaultRule { Kind = NsmFaultKind.Etimedout, Phase = NsmFaultPhase.AfterDevice, EveryNthCall = 7 });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add((await _client.PostJsonAsync($"/api/pcrs/{25 + (i % 3)}/extend", new { text = $"step {i}" })).StatusCode);
        }

        _schedule.Clear();

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(statuses, s => s != HttpStatusCode.OK);
        var audit = (await AuditAsync()).Where(e => e.GetProperty("operation").GetString() == "ExtendPcr").ToArray();
        Assert.Equal(30, audit.Length);
        var log = (await ApiAssert.OkAsync(await _client.GetAsync("/api/eventlog", Ct))).GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(audit.Count(e => e.GetProperty("outcome").GetString() == "Succeeded"), log.Length);
        foreach (var index in new[] { 25, 26, 27 })
        {
            var pcr = audit.Where(e => e.GetProperty("argument").GetInt32() == index).ToArray();
            var lost = pcr.Count(e => e.GetProperty("outcome").GetString() == "Unknown");
            var replay = await ApiAssert.OkAsync(await _client.GetAsync($"/api/pcrs/{index}/replay", Ct));
            Assert.Equal(lost == 0 ? "explained" : "changedOutside", replay.GetProperty("verdict").GetString());
            Assert.Equal(Convert.ToHexStringLower(PcrOf((ushort)index)), replay.GetProperty("live").GetString());
        }

        foreach (var failed in audit.Where(e => e.GetProperty("outcome").GetString() == "Failed"))
        {
            // "Failed" is only ever claimed when the NSM held the value from before.
            var before = failed.GetProperty("before").EnumerateArray().ToArray();
            Assert.True(before.Length == 0 || failed.GetProperty("reason").GetString()!.Contains("did not apply it", StringComparison.Ordinal)
                || failed.GetProperty("reason").GetString()!.Contains("was not sent", StringComparison.Ordinal));
        }
    }

    private byte[] PcrOf(ushort index) =>
        ((DescribePcrResponse)NsmCbor.DecodeResponse(EmulatorExchange(NsmCbor.EncodeRequest(new DescribePcrRequest(index))))).Data.ToArray();

    private byte[] EmulatorExchange(byte[] request)
    {
        var buffer = new byte[NsmLimits.ResponseMaxSize];
        return buffer[.._emulator.Exchange(request, buffer)];
    }

    private static byte[] Fold(byte[] value, ReadOnlySpan<byte> data) => SHA384.HashData([.. value, .. data]);

    private async Task<JsonElement[]> AuditAsync() =>
        [.. (await ApiAssert.OkAsync(await _client.GetAsync("/api/audit", Ct))).GetProperty("entries").EnumerateArray()];

    private PcrChange[] Changes()
    {
        lock (_changes)
        {
            return [.. _changes];
        }
    }
}
