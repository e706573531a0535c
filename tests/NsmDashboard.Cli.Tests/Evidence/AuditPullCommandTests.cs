using System.Globalization;
using System.Text;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;

namespace NsmDashboard.Cli.Tests.Evidence;

/// <summary><c>nsm audit pull</c> against a stand-in dashboard: appending, resuming, restarts, and every way a relay or a wrong server is refused.</summary>
public sealed class AuditPullCommandTests : IAsyncLifetime
{
    private const string Token = "nsm_test_token_0123456789";
    private readonly TempDirectory _directory;
    private readonly FakeDashboard _dashboard;
    private string _root = string.Empty;
    private string _measurements = string.Empty;
    private string _otherMeasurements = string.Empty;
    private string _tokenFile = string.Empty;
    private string _trail = string.Empty;

    public AuditPullCommandTests()
    {
        _directory = new TempDirectory();
        // The CA kept in a directory, so that another enclave under the same root can sign (see CheckpointSigner).
        _dashboard = new FakeDashboard(Token, certificateAuthorityDirectory: Directory.CreateDirectory(_directory.File("ca")).FullName);
    }

    public async ValueTask InitializeAsync()
    {
        await _dashboard.StartAsync();
        _root = _directory.Write("root.pem", _dashboard.RootPem);
        // The image the fake's emulator runs (the emulator's default measurements), as nitro-cli prints them.
        _measurements = _directory.Write("release.json", EnclaveImages.Json(NsmEmulatorOptions.DefaultMeasurements));
        _otherMeasurements = _directory.Write("other.json", EnclaveImages.Json(EnclaveImages.Other));
        _tokenFile = _directory.Write("token", Token + "\n");
        _trail = _directory.File("audit.jsonl");
    }

    public async ValueTask DisposeAsync()
    {
        await _dashboard.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_pull_writes_a_file_that_verifies_on_its_own()
    {
        _dashboard.AppendAudit(5);

        var pull = await PullAsync();
        var verify = VerifyTrail("--strict");

        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.Contains("bound by a fresh attestation of module " + _dashboard.ModuleId, pull.Stdout, StringComparison.Ordinal);
        Assert.Contains("pulled      6 line(s) (records 1–5)", pull.Stdout, StringComparison.Ordinal);
        Assert.Contains("checkpoint  record 5 attested", pull.Stdout, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.StartsWith("verdict     INTACT: 1 chain, 6 records, every one proven", verify.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_pull_resumes_from_the_files_last_record()
    {
        _dashboard.AppendAudit(3);
        await PullAsync();
        _dashboard.AppendAudit(2);

        var second = await PullAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["?after=-1", $"?after=3&chain={_dashboard.Audit.Genesis.Hash}"], _dashboard.Exports);
        // Records 4 (the first checkpoint's own attestation), 5 and 6, then the new checkpoint.
        Assert.Contains("(records 4–6)", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, VerifyTrail("--strict").ExitCode);
    }

    [Fact]
    public async Task A_dashboard_that_restarted_shows_in_the_file_as_a_second_chain_that_verifies()
    {
        _dashboard.AppendAudit(3);
        await PullAsync();
        await _dashboard.RestartAsync();
        _dashboard.AppendAudit(2);

        var pull = await PullAsync();
        var verify = VerifyTrail();

        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("chain 2", verify.Stdout, StringComparison.Ordinal);
        Assert.Contains("the dashboard restarted", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_changed_in_transit_stops_the_pull_before_it_and_leaves_a_file_that_verifies()
    {
        _dashboard.AppendAudit(5);
        _dashboard.TamperExport = line => line.Contains("\"seq\":3,", StringComparison.Ordinal) ? line.Replace("alice", "mallo", StringComparison.Ordinal) : line;

        var pull = await PullAsync();

        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("Modified at record 3", pull.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(_trail).Length);
        Assert.Equal(0, VerifyTrail().ExitCode);
    }

    [Fact]
    public async Task A_checkpoint_over_another_nonce_is_refused()
    {
        _dashboard.AppendAudit(2);
        _dashboard.ForcedNonce = new byte[32];

        var pull = await PullAsync();

        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("checkpoint is refused: the document does not carry the nonce sent for it", pull.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\":\"checkpoint\"", File.ReadAllText(_trail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_of_another_dashboards_chain_is_refused()
    {
        _dashboard.AppendAudit(2);
        var other = new NsmDashboard.Evidence.Chain.EvidenceChain<NsmDashboard.Evidence.Records.AuditEvidence>(
            NsmDashboard.Evidence.Chain.ChainGenesis.Create(NsmDashboard.Evidence.Chain.EvidenceLog.Audit, _dashboard.ModuleId, DateTimeOffset.UtcNow));
        _dashboard.CheckpointOf = other;

        var pull = await PullAsync();

        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("which its export does not reach", pull.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TLS_binding_to_another_certificate_is_refused_before_the_token_is_sent()
    {
        _dashboard.BindInstead = FakeDashboard.MakeCertificate();

        var pull = await PullAsync();

        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("public_key is the served certificate's key", pull.Stderr, StringComparison.Ordinal);
        Assert.Contains("the token is not sent", pull.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _dashboard.TokenRequests);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_the_servers_answer()
    {
        var wrong = _directory.Write("wrong", "nsm_wrong");

        var pull = await Task.Run(() => Cli.Run("audit", "pull", _dashboard.Url, "--token-file", wrong, "--out", _trail, "--root", _root, "--measurements", _measurements));

        Assert.True(pull.ExitCode == 1, pull.ToString());
        Assert.Contains("the dashboard answered 401", pull.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_appended_to_a_broken_file()
    {
        _dashboard.AppendAudit(3);
        await PullAsync();
        var lines = File.ReadAllLines(_trail);
        File.WriteAllLines(_trail, lines.Where((_, i) => i != 2));
        var before = File.ReadAllBytes(_trail);

        var pull = await PullAsync();

        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("is broken (Missing at record 2", pull.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_trail));
    }

    [Fact]
    public async Task An_unfinished_last_line_is_cut_off_and_pulled_again()
    {
        _dashboard.AppendAudit(3);
        await PullAsync();
        var text = File.ReadAllText(_trail);
        File.WriteAllText(_trail, text[..^40]);

        var pull = await PullAsync();

        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.Contains("the last line was never finished", pull.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, VerifyTrail("--strict").ExitCode);
    }

    [Fact]
    public async Task Following_picks_up_new_records_across_a_restart_and_stops_cleanly()
    {
        _dashboard.AppendAudit(2);
        using var stop = new CancellationTokenSource();
        var following = FollowAsync(stop.Token);

        await WaitUntilAsync(() => Proven() >= 2);
        _dashboard.AppendAudit(3);
        await WaitUntilAsync(() => Proven() >= 6);
        await _dashboard.RestartAsync();
        _dashboard.AppendAudit(1);
        // The new run's chain is in the file and proven by a checkpoint of its own.
        await WaitUntilAsync(() => Chains() == 2 && Proven() >= 1);
        await stop.CancelAsync();
        var result = await following;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("retrying", result.Stderr, StringComparison.Ordinal);
        var verify = VerifyTrail();
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("the dashboard restarted", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follower_whose_file_is_changed_behind_its_back_stops_with_exit_1()
    {
        _dashboard.AppendAudit(3);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var following = FollowAsync(stop.Token);
        await WaitUntilAsync(() => Proven() >= 3);

        // The parent rewrites one record in place, same length, hash recomputed or not: the file no longer is what was pulled.
        var text = File.ReadAllText(_trail);
        var line = text.IndexOf(text.Split('\n').First(l => l.Contains("\"type\":\"record\"", StringComparison.Ordinal) && l.Contains("\"seq\":2,", StringComparison.Ordinal)), StringComparison.Ordinal);
        var digit = text.IndexOf("\"hash\":\"", line, StringComparison.Ordinal) + "\"hash\":\"".Length;
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes[digit] = bytes[digit] == (byte)'0' ? (byte)'1' : (byte)'0';
        using (var parent = new FileStream(_trail, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            parent.Write(bytes);
        }

        var result = await following;

        Assert.False(stop.IsCancellationRequested, "The follower did not notice within 90 s:\n" + result);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no longer verifies on disk", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("record 2", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_are_exit_2()
    {
        // Each with a policy, so that it fails for its own reason.
        Assert.Equal(2, Usage("http://127.0.0.1:1", "--token-file", _tokenFile, "--out", _trail).ExitCode);
        Assert.Equal(2, Usage("ftp://127.0.0.1:1", "--token-file", _tokenFile, "--out", _trail).ExitCode);
        Assert.Equal(2, Usage("https://127.0.0.1:1", "--token-file", _tokenFile, "--out", _trail, "--interval", "5s").ExitCode);
        Assert.Equal(2, Usage("https://127.0.0.1:1", "--token-file", _directory.File("none"), "--out", _trail).ExitCode);
        Assert.Equal(2, Usage("https://127.0.0.1:1", "--token-file", _directory.Write("blank", "  \n"), "--out", _trail).ExitCode);
        Assert.Equal(2, Usage("https://127.0.0.1:1", "--token-file", _tokenFile).ExitCode);
        Assert.Equal(2, Usage("https://127.0.0.1:1", "--token-file", _tokenFile, "--out", _trail, "--stream", "other").ExitCode);
        Assert.Equal(2, Usage("https://127.0.0.1:1", "--token-file", _tokenFile, "--out", _trail, "--root", _root, "--emulator-root", _directory.Path).ExitCode);
        var conflicting = Cli.Run("audit", "pull", _dashboard.Url, "--token-file", _tokenFile, "--out", _trail, "--root", _root, "--any-enclave", "--measurements", _measurements);
        Assert.Equal(2, conflicting.ExitCode);
        Assert.Contains("--any-enclave conflicts with --measurements", conflicting.Stderr, StringComparison.Ordinal);
        var unreachable = Usage("https://127.0.0.1:1", "--token-file", _tokenFile, "--out", _trail, "--root", _root, "--timeout", "2");
        Assert.Equal(2, unreachable.ExitCode);
        Assert.Contains("127.0.0.1:1", unreachable.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_trail));

        CliResult Usage(params string[] arguments) => Cli.Run(["audit", "pull", .. arguments, "--measurements", _measurements]);
    }

    [Fact]
    public void Without_a_policy_the_pull_exits_2_and_says_which_options_give_one()
    {
        _dashboard.AppendAudit(2);

        var pull = Cli.Run("audit", "pull", _dashboard.Url, "--token-file", _tokenFile, "--out", _trail, "--root", _root);

        Assert.True(pull.ExitCode == 2, pull.ToString());
        Assert.Contains("audit pull needs to know which enclave you expect", pull.Stderr, StringComparison.Ordinal);
        Assert.Contains("--measurements FILE", pull.Stderr, StringComparison.Ordinal);
        Assert.Contains("--any-enclave", pull.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_trail));
        Assert.Equal(0, _dashboard.TokenRequests);
    }

    [Fact]
    public async Task A_dashboard_running_another_image_is_refused_before_anything_is_written()
    {
        _dashboard.AppendAudit(2);

        var fresh = await PullWithAsync("--measurements", _otherMeasurements);

        Assert.True(fresh.ExitCode == 1, fresh.ToString());
        Assert.Contains("does not meet the policy (the PCRs of " + _otherMeasurements, fresh.Stderr, StringComparison.Ordinal);
        Assert.Contains("Expected PCR values", fresh.Stderr, StringComparison.Ordinal);
        Assert.Contains("the token is not sent", fresh.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_trail), "A refused dashboard created the output file.");
        Assert.Equal(0, _dashboard.TokenRequests);

        // An existing trail is left exactly as it was.
        Assert.Equal(0, (await PullAsync()).ExitCode);
        _dashboard.AppendAudit(2);
        var before = File.ReadAllBytes(_trail);
        var again = await PullWithAsync("--expect-pcr", "0=" + Convert.ToHexStringLower(EnclaveImages.Other.Pcr0.Span));
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("Expected PCR values", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_trail));
    }

    [Fact]
    public async Task Any_enclave_is_accepted_only_when_said_and_the_output_says_so()
    {
        _dashboard.AppendAudit(1);

        var any = await PullWithAsync("--any-enclave");

        Assert.True(any.ExitCode == 0, any.ToString());
        Assert.Contains("running any image (--any-enclave)", any.Stdout, StringComparison.Ordinal);
        // --allow-debug loosens the debug-mode rule only, never the PCRs.
        Assert.Equal(1, (await PullWithAsync("--measurements", _otherMeasurements, "--allow-debug")).ExitCode);
    }

    [Fact]
    public async Task A_checkpoint_signed_by_an_enclave_of_another_image_is_refused()
    {
        // The TLS binding comes from the expected enclave, the checkpoint from another one under the same root: what a
        // parent relaying to an enclave of its own for the checkpoints would produce.
        _dashboard.AppendAudit(2);
        using var other = ParentsEnclave();
        _dashboard.CheckpointSigner = new NsmClient(other);

        var pull = await PullAsync();

        Assert.True(pull.ExitCode == 1, pull.ToString());
        Assert.Contains("running the image of " + _measurements, pull.Stdout, StringComparison.Ordinal);
        Assert.Contains("the dashboard's checkpoint is refused", pull.Stderr, StringComparison.Ordinal);
        Assert.Contains("Expected PCR values", pull.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\":\"checkpoint\"", File.ReadAllText(_trail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_already_holding_a_checkpoint_from_another_image_is_refused_before_anything_is_appended()
    {
        // A file the parent forged, proven by an enclave of its own (another image) under the dashboard's root.
        _dashboard.AppendAudit(2);
        using var other = ParentsEnclave();
        File.WriteAllText(_trail, TrailFiles.Forged(other));
        var before = File.ReadAllBytes(_trail);

        var pull = await PullAsync();
        var verify = VerifyTrail();

        Assert.True(pull.ExitCode == 1, pull.ToString());
        Assert.Contains("is broken (CheckpointInvalid at record 1, line 3: the checkpoint at line 3 proves nothing: the checkpoint is not from the expected enclave", pull.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing is appended to it", pull.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_trail));
        Assert.Equal(0, _dashboard.TokenRequests);
        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Equal(0, Cli.Run("audit", "verify", _trail, "--root", _root, "--any-enclave").ExitCode);
    }

    [Fact]
    public async Task A_follower_reading_its_file_back_holds_the_checkpoints_in_it_to_the_policy()
    {
        _dashboard.AppendAudit(2);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var following = FollowAsync(stop.Token);
        await WaitUntilAsync(() => Proven() >= 2);

        // The parent appends a checkpoint its own enclave (another image, same root) signed over the dashboard's head.
        using var other = ParentsEnclave();
        var line = TrailFiles.Checkpoint(new NsmClient(other), _dashboard.Audit).ToObject();
        using (var parent = new FileStream(_trail, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            parent.Write([.. NsmDashboard.Evidence.Canonical.CanonicalJson.Serialize(line), (byte)'\n']);
        }

        var result = await following;

        Assert.False(stop.IsCancellationRequested, "The follower did not notice within 90 s:\n" + result);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no longer verifies on disk: CheckpointInvalid", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("the checkpoint is not from the expected enclave", result.Stderr, StringComparison.Ordinal);
    }

    private NsmEmulator ParentsEnclave() => EnclaveImages.ParentsEnclave(_directory.File("ca"), EnclaveImages.Other);

    private Task<CliResult> FollowAsync(CancellationToken stop) =>
        Task.Run(() => Cli.RunUntil(stop, "audit", "pull", _dashboard.Url, "--token-file", _tokenFile, "--out", _trail, "--root", _root, "--measurements", _measurements, "--follow", "--interval", "1s", "--timeout", "5"));

    private CliResult VerifyTrail(params string[] extra) => Cli.Run(["audit", "verify", _trail, "--root", _root, "--measurements", _measurements, .. extra]);

    private Task<CliResult> PullAsync(params string[] extra) => PullWithAsync(["--measurements", _measurements, .. extra]);

    private Task<CliResult> PullWithAsync(params string[] policy) =>
        Task.Run(() => Cli.Run(["audit", "pull", _dashboard.Url, "--token-file", _tokenFile, "--out", _trail, "--root", _root, .. policy]));

    private int Chains() => File.Exists(_trail)
        ? File.ReadAllLines(_trail).Count(l => l.Contains("\"type\":\"genesis\"", StringComparison.Ordinal))
        : 0;

    // The highest record the file's last chain proves (-1 while none).
    private long Proven()
    {
        if (!File.Exists(_trail))
        {
            return -1;
        }

        var json = VerifyTrail("--json").Stdout;
        var match = System.Text.RegularExpressions.Regex.Matches(json, "\"provenThrough\": (\\d+|null)");
        return match.Count == 0 || match[^1].Groups[1].Value == "null" ? -1 : long.Parse(match[^1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 60 s.");
            await Task.Delay(200);
        }
    }
}
