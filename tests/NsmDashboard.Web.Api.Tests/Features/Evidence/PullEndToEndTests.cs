extern alias cli;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using cli::NsmDashboard.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Attestation;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.TestSupport;
using NsmDashboard.Web.Hosting;

namespace NsmDashboard.Web.Api.Tests.Features.Evidence;

/// <summary>
/// <c>nsm audit pull</c> and <c>nsm audit verify</c>, run in process, against the real dashboard on Kestrel with HTTPS
/// and the emulator (its CA kept in a directory, as an operator pins it): a trail pulled from a dashboard that then
/// restarts still verifies, with the restart as a new chain; flipping a byte, deleting a line, swapping two lines and
/// cutting the tail are each named at the right record; a checkpoint of another dashboard, or over another nonce, is refused.
/// </summary>
public sealed class PullEndToEndTests : IAsyncLifetime
{
    private const string ModuleId = "i-0123456789abcdef0-enc0123456789abcde1";
    private readonly string _directory = Directory.CreateTempSubdirectory("nsm-pull-e2e-").FullName;
    private string _caDirectory = string.Empty;
    private string _tokenFile = string.Empty;
    private string _measurements = string.Empty;
    private readonly RequestRecorder _recorder = new();
    private string _trail = string.Empty;
    private NsmDashboardApp? _app;

    private static readonly string MeasurementsJson =
        $$$"""{"Measurements":{"HashAlgorithm":"Sha384 { ... }","PCR0":"{{{Image(0)}}}","PCR1":"{{{Image(1)}}}","PCR2":"{{{Image(2)}}}"}}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Image(int index) => Convert.ToHexStringLower([.. Enumerable.Repeat((byte)0x42, 47), (byte)index]);

    public async ValueTask InitializeAsync()
    {
        _caDirectory = Directory.CreateDirectory(Path.Combine(_directory, "ca")).FullName;
        _tokenFile = Path.Combine(_directory, "viewer.token");
        await File.WriteAllTextAsync(_tokenFile, TestIdentities.ViewerToken + "\n", Ct);
        _trail = Path.Combine(_directory, "audit.jsonl");
        // The image the emulated enclave runs, as 'nitro-cli build-enclave' prints it: the policy pull holds it to.
        _measurements = Path.Combine(_directory, "release.json");
        await File.WriteAllTextAsync(_measurements, MeasurementsJson, Ct);
        _app = await StartAsync(ModuleId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await StopAsync(_app);
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_trail_pulled_across_a_restart_verifies_with_the_restart_as_a_second_chain()
    {
        await OperateAsync(_app!, 3);
        var first = await PullAsync(_app!);
        Assert.True(first.Exit == 0, first.ToString());

        // SIGTERM: the dashboard checkpoints as it stops, then a new run of the same enclave starts.
        await StopAsync(_app!);
        _app = await StartAsync(ModuleId);
        await OperateAsync(_app, 2);
        var second = await PullAsync(_app);
        var verify = await CliAsync("audit", "verify", _trail, "--emulator-root", _caDirectory, "--measurements", _measurements);

        Assert.True(second.Exit == 0, second.ToString());
        Assert.True(verify.Exit == 0, verify.ToString());
        Assert.Contains("chain 2     module " + ModuleId, verify.Output, StringComparison.Ordinal);
        Assert.Contains("the dashboard restarted", verify.Output, StringComparison.Ordinal);
        Assert.StartsWith("verdict     INTACT: 2 chains", verify.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_kind_of_tampering_is_named_at_the_right_record()
    {
        await OperateAsync(_app!, 6);
        Assert.Equal(0, (await PullAsync(_app!)).Exit);
        var lines = await File.ReadAllLinesAsync(_trail, Ct);
        Assert.Equal(0, (await VerifyAsync(lines)).Exit);
        // Lines: 0 genesis, 1–6 the extends, 7 the attestation of the TLS binding pull checked first, 8 the checkpoint of record 7.
        var last = LastCheckpoint(lines).Checkpoint.Sequence;
        Assert.Equal(7, last);
        var flipped = lines.ToArray();
        var bytes = Encoding.UTF8.GetBytes(flipped[4]);
        bytes[bytes.Length / 3] ^= 0x04;
        flipped[4] = Encoding.UTF8.GetString(bytes);
        var swapped = lines.ToArray();
        (swapped[2], swapped[3]) = (swapped[3], swapped[2]);
        var document = Path.Combine(_directory, "last-checkpoint.cbor");
        await File.WriteAllBytesAsync(document, LastCheckpoint(lines).Document.ToArray(), Ct);

        var flip = await VerifyAsync(flipped);
        var delete = await VerifyAsync(lines.Where((_, i) => i != 5));
        var swap = await VerifyAsync(swapped);
        var cut = await VerifyAsync(lines[..4], "--checkpoint", document);

        Assert.Contains("verdict     BROKEN at record 4 (line 5)", flip.Output, StringComparison.Ordinal);
        Assert.Contains("verdict     BROKEN at record 5 (line 6): Missing", delete.Output, StringComparison.Ordinal);
        Assert.Contains("verdict     BROKEN at record 2 (line 3): Missing", swap.Output, StringComparison.Ordinal);
        Assert.Contains("verdict     BROKEN at record 4", cut.Output, StringComparison.Ordinal);
        Assert.Contains($"records 4–{last} were cut", cut.Output, StringComparison.Ordinal);
        Assert.All(new[] { flip, delete, swap, cut }, result => Assert.Equal(1, result.Exit));
    }

    [Fact]
    public async Task A_checkpoint_of_another_dashboard_or_over_another_nonce_is_refused()
    {
        await OperateAsync(_app!, 2);
        Assert.Equal(0, (await PullAsync(_app!)).Exit);
        await using var other = await StartAsync("i-0123456789abcdef0-enc0123456789abcde2");
        var foreign = await CheckpointLineAsync(other, [1, 2, 3]);
        var lines = await File.ReadAllLinesAsync(_trail, Ct);

        var verify = await VerifyAsync([.. lines, foreign]);
        var replayed = await CheckpointLineAsync(_app!, [9, 9, 9]);
        CheckpointLine.TryRead(EvidenceJson.ParseObject(Encoding.UTF8.GetBytes(replayed)), out var line, out _);
        var verification = new CheckpointVerifier(AttestationTrustRoot.FromEmulatorDirectory(_caDirectory)).Verify(line!.Document, [1, 2, 3], DateTimeOffset.UtcNow);

        Assert.Equal(1, verify.Exit);
        Assert.Contains("CheckpointForeign", verify.Output, StringComparison.Ordinal);
        Assert.Equal(CheckpointFailure.NonceMismatch, verification.Failure);
        await StopAsync(other);
    }

    [Fact]
    public async Task A_dashboard_whose_image_is_not_the_expected_one_is_refused_and_nothing_is_written()
    {
        await OperateAsync(_app!, 1);
        var other = Path.Combine(_directory, "other.json");
        await File.WriteAllTextAsync(other, MeasurementsJson.Replace("4242", "1717", StringComparison.Ordinal), Ct);

        var unset = await CliAsync("audit", "pull", Https(_app!), "--token-file", _tokenFile, "--out", _trail, "--emulator-root", _caDirectory);
        var wrong = await CliAsync("audit", "pull", Https(_app!), "--token-file", _tokenFile, "--out", _trail, "--emulator-root", _caDirectory, "--measurements", other);

        Assert.True(unset.Exit == 2, unset.ToString());
        Assert.Contains("audit pull needs to know which enclave you expect", unset.Error, StringComparison.Ordinal);
        Assert.True(wrong.Exit == 1, wrong.ToString());
        Assert.Contains("does not meet the policy", wrong.Error, StringComparison.Ordinal);
        Assert.Contains("Expected PCR values", wrong.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_trail), "A refused dashboard created the output file.");
    }

    [Fact]
    public async Task The_event_log_is_pulled_and_replayed_outside_the_dashboard()
    {
        var eventlog = Path.Combine(_directory, "eventlog.jsonl");
        await OperateAsync(_app!, 2);
        var pull = await CliAsync("audit", "pull", Https(_app!), "--token-file", _tokenFile, "--out", eventlog, "--stream", "eventlog", "--emulator-root", _caDirectory, "--measurements", _measurements);
        var explained = await CliAsync("eventlog", "replay", eventlog, "--emulator-root", _caDirectory, "--measurements", _measurements);
        var emulator = (NsmDashboard.Nsm.Emulator.NsmEmulator)_app!.Application.Services.GetRequiredService<NsmDashboard.Nsm.Device.INsmTransport>();
        await new NsmClient(emulator).ExtendPcrAsync(16, "behind the dashboard's back"u8.ToArray(), Ct);
        await CliAsync("audit", "pull", Https(_app!), "--token-file", _tokenFile, "--out", eventlog, "--stream", "eventlog", "--emulator-root", _caDirectory, "--measurements", _measurements);
        var changed = await CliAsync("eventlog", "replay", eventlog, "--emulator-root", _caDirectory, "--measurements", _measurements);

        Assert.True(pull.Exit == 0, pull.ToString());
        Assert.True(explained.Exit == 0, explained.ToString());
        Assert.Contains("PCR16  explained        2 extend(s)", explained.Output, StringComparison.Ordinal);
        Assert.Equal(1, changed.Exit);
        Assert.Contains("PCR16  changedOutside", changed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follower_still_connected_when_the_dashboard_stops_receives_its_shutdown_checkpoint()
    {
        await OperateAsync(_app!, 1);
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringReader(string.Empty), TextWriter.Synchronized(output), TextWriter.Synchronized(error), listenForStop: () => stop.Token);
        var https = Https(_app!);
        var following = Task.Run(() => new CliRun(
            CliApp.Run(["audit", "pull", https, "--token-file", _tokenFile, "--out", _trail, "--emulator-root", _caDirectory, "--measurements", _measurements, "--follow", "--interval", "20s"], console),
            output.ToString(), error.ToString()), Ct);
        string Progress() => $"{output}\n{error}\n{(File.Exists(_trail) ? File.ReadAllText(_trail) : "no file")}";
        await WaitUntilAsync(() => File.Exists(_trail) && File.ReadAllText(_trail).Contains("\"taken\":\"pull\"", StringComparison.Ordinal), Progress);
        // The follower now waits in a long poll; records made meanwhile reach it at once.
        var before = LastSequence() ?? 0;
        await OperateAsync(_app!, 2);
        // Stop only once it has written them and asked again (a long poll after the last record it holds): a follower
        // between two requests at that moment finds the dashboard gone, and the shutdown checkpoint with it.
        await WaitUntilAsync(() => LastSequence() is { } last && last >= before + 2 && _recorder.Requests.Any(r => r.StartsWith(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"GET /api/audit/export?after={last}&"), StringComparison.Ordinal)), Progress);

        await StopAsync(_app!);
        _app = null;
        await WaitUntilAsync(() => File.ReadAllText(_trail).Contains("\"taken\":\"shutdown\"", StringComparison.Ordinal), Progress);
        await stop.CancelAsync();
        var result = await following;
        var verify = await CliAsync("audit", "verify", _trail, "--emulator-root", _caDirectory, "--measurements", _measurements, "--json");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.True(verify.Exit == 0, verify.ToString());
        var chain = JsonDocument.Parse(verify.Output).RootElement.GetProperty("chains")[0];
        var shutdown = chain.GetProperty("checkpoints").EnumerateArray().Single(c => c.GetProperty("taken").GetString() == "shutdown");
        // The extends (1–3, with the pull's own TLS-binding and checkpoint attestations between) are proven by it.
        Assert.True(shutdown.GetProperty("proves").GetBoolean());
        Assert.True(shutdown.GetProperty("sequence").GetInt64() >= 5);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> progress)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 60 s:\n" + progress());
            await Task.Delay(100, Ct);
        }
    }

    private async Task<NsmDashboardApp> StartAsync(string moduleId)
    {
        var settings = new Dictionary<string, string?>(TestIdentities.Configuration)
        {
            ["NsmDashboard:Tls:HttpsPort"] = "0",
            ["Nsm:Mode"] = "emulator",
            ["Nsm:Emulator:ModuleId"] = moduleId,
            ["Nsm:Emulator:CertificateAuthorityDirectory"] = _caDirectory,
            ["Nsm:Emulator:MeasurementsFile"] = _measurements,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:NsmDashboard"] = "Error",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        var app = new NsmDashboardApp(new WebApplicationOptions { EnvironmentName = "Production" }, builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<IStartupFilter>(_recorder);
        });
        await app.StartAsync(Ct);
        return app;
    }

    // The sequence of the last record the pulled file holds; null before there is one, or while a line is being written.
    private long? LastSequence()
    {
        try
        {
            return File.Exists(_trail)
                ? File.ReadAllLines(_trail).Select(line => JsonDocument.Parse(line).RootElement)
                    .Where(line => line.TryGetProperty("type", out var type) && type.GetString() == "record")
                    .Select(line => (long?)line.GetProperty("seq").GetInt64()).LastOrDefault()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task StopAsync(NsmDashboardApp app)
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private static string Https(NsmDashboardApp app) => app.Addresses.Single(a => a.Scheme == "https").GetLeftPart(UriPartial.Authority);

    // Extends through the API as the operator: each is an audit record and an event-log record.
    private static async Task OperateAsync(NsmDashboardApp app, int count)
    {
        using var client = Client(app, TestIdentities.OperatorToken);
        for (var i = 0; i < count; i++)
        {
            using var response = await client.PostAsJsonAsync("api/pcrs/16/extend", new { text = $"extend {i}" }, Ct);
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<string> CheckpointLineAsync(NsmDashboardApp app, byte[] nonce)
    {
        using var client = Client(app, TestIdentities.ViewerToken);
        return await client.GetStringAsync($"api/audit/checkpoint?nonce={Convert.ToHexStringLower(nonce)}", Ct);
    }

    // The test trusts the dashboard's self-signed certificate; the CLI under test does not (it checks the TLS binding).
#pragma warning disable CA5359, CA2000 // The handler is owned by the client.
    private static HttpClient Client(NsmDashboardApp app, string token) => new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
    {
        BaseAddress = new Uri(Https(app) + "/"),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };
#pragma warning restore CA5359, CA2000

    private static CheckpointLine LastCheckpoint(string[] lines)
    {
        var last = lines.Last(l => l.Contains("\"type\":\"checkpoint\"", StringComparison.Ordinal));
        Assert.True(CheckpointLine.TryRead(EvidenceJson.ParseObject(Encoding.UTF8.GetBytes(last)), out var line, out var problem), problem);
        return line;
    }

    private Task<CliRun> PullAsync(NsmDashboardApp app) =>
        CliAsync("audit", "pull", Https(app), "--token-file", _tokenFile, "--out", _trail, "--emulator-root", _caDirectory, "--measurements", _measurements);

    private async Task<CliRun> VerifyAsync(IEnumerable<string> lines, params string[] options)
    {
        var file = Path.Combine(_directory, $"copy-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, string.Join('\n', lines) + "\n", Ct);
        return await CliAsync(["audit", "verify", file, "--emulator-root", _caDirectory, "--measurements", _measurements, .. options]);
    }

    // The CLI blocks on its own I/O; run it off the test's thread so the in-process servers keep theirs.
    private static Task<CliRun> CliAsync(params string[] args) => Task.Run(() =>
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = CliApp.Run(args, new StringReader(string.Empty), output, error);
        return new CliRun(exit, output.ToString(), error.ToString());
    });

    private sealed record CliRun(int Exit, string Output, string Error)
    {
        public override string ToString() => $"exit {Exit}\n{Output}\n{Error}";
    }
}
