using System.Text;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Export;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Tests.Evidence;

/// <summary>
/// <c>nsm audit verify</c> and <c>nsm eventlog replay</c> on files: the verdict, the first bad sequence named for each
/// kind of tampering (a flipped byte, a deleted line, two swapped lines, a cut tail), exit codes and JSON.
/// </summary>
public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly NsmEmulator _emulator;
    private readonly NsmClient _client;
    private readonly string _root;
    private readonly string _measurements;
    private readonly EvidenceChain<AuditEvidence> _chain;
    private readonly CheckpointLine _final;
    private readonly string[] _lines;

    public AuditVerifyCommandTests()
    {
        // The CA kept in a directory, so that another enclave under the same root can sign (see ParentsEnclave).
        _emulator = new NsmEmulator(new NsmEmulatorOptions { ModuleId = FakeDashboard.NewModuleId(), CertificateAuthorityDirectory = CaDirectory });
        _client = new NsmClient(_emulator);
        _root = _directory.Write("root.pem", _emulator.CertificateAuthority.RootCertificate.ExportCertificatePem());
        // The image the emulator runs (its default measurements), as nitro-cli prints them.
        _measurements = _directory.Write("release.json", EnclaveImages.Json(NsmEmulatorOptions.DefaultMeasurements));
        _chain = new EvidenceChain<AuditEvidence>(ChainGenesis.Create(EvidenceLog.Audit, _emulator.ModuleId, DateTimeOffset.UtcNow));
        for (var i = 1; i <= 8; i++)
        {
            _chain.Append(new AuditEvidence(DateTimeOffset.UtcNow, "LockPcr", "Succeeded", "api", "c" + i) { User = "alice", Argument = 16 + i });
        }

        _final = Checkpoint(_chain);
        _lines = Export(_chain, _final).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose()
    {
        _emulator.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void An_intact_trail_verifies_with_its_chain_and_proof_described()
    {
        var result = Verify(_lines);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"chain 1     module {_emulator.ModuleId}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  records   0–8 (9 in the file)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  proven    through record 8 by 1 checkpoint(s); newest: record 8", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(", root ", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("verdict     INTACT: 1 chain, 9 records, every one proven by an attested checkpoint", result.Lines[^1]);
    }

    [Fact]
    public void A_flipped_byte_is_named_with_its_record()
    {
        var lines = _lines.ToArray();
        var bytes = Encoding.UTF8.GetBytes(lines[5]);
        bytes[bytes.Length / 2] ^= 0x01;
        lines[5] = Encoding.UTF8.GetString(bytes);

        var result = Verify(lines);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("verdict     BROKEN at record 5 (line 6):", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_line_is_named_with_the_missing_record()
    {
        var result = Verify(_lines.Where((_, i) => i != 3));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("verdict     BROKEN at record 3 (line 4): Missing: record 3 is missing", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Two_swapped_lines_are_named_with_the_first()
    {
        var lines = _lines.ToArray();
        (lines[6], lines[7]) = (lines[7], lines[6]);

        var result = Verify(lines);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("verdict     BROKEN at record 6 (line 7): Missing", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_tail_is_unproven_alone_and_named_with_a_checkpoint_kept_beside_the_file()
    {
        var cut = _lines[..6];
        var document = _directory.Write("final.cbor", _final.Document.ToArray());

        var alone = Verify(cut);
        var strict = Verify(cut, "--strict");
        var withCheckpoint = Verify(cut, "--checkpoint", document);

        Assert.Equal(0, alone.ExitCode);
        Assert.Contains("no checkpoint proves records 0–5", alone.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
        Assert.StartsWith("verdict     NOT PROVEN: 1 chain, 6 records; 6 unproven", strict.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(1, withCheckpoint.ExitCode);
        Assert.StartsWith("verdict     BROKEN at record 6 (line 6): Truncated:", withCheckpoint.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("records 6–8 were cut", withCheckpoint.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_from_another_dashboard_is_refused()
    {
        using var other = new NsmEmulator(new NsmEmulatorOptions { ModuleId = FakeDashboard.NewModuleId() });
        var theirs = new EvidenceChain<AuditEvidence>(ChainGenesis.Create(EvidenceLog.Audit, other.ModuleId, DateTimeOffset.UtcNow));
        var foreign = Checkpoint(theirs);
        var lines = _lines[..^1].Append(Line(foreign));

        var result = Verify(lines);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CheckpointForeign", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_report_names_the_verdict_problem_chains_and_checkpoints()
    {
        var intact = Verify(_lines, "--json");
        var broken = Verify(_lines.Where((_, i) => i != 3), "--json");

        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("\"verdict\": \"intact\"", intact.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"provenThrough\": 8", intact.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\"moduleId\": \"{_emulator.ModuleId}\"", intact.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"taken\": \"interval\"", intact.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"verdict\": \"broken\"", broken.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"Missing\"", broken.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"sequence\": 3", broken.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Against_the_AWS_root_an_emulator_checkpoint_proves_nothing()
    {
        var result = Cli.Run("audit", "verify", _directory.Write("trail.jsonl", string.Join('\n', _lines) + "\n"), "--any-enclave");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CheckpointInvalid", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_given_checkpoint_that_is_not_a_valid_document_proves_nothing_and_fails()
    {
        var result = Verify(_lines, "--checkpoint", _directory.Write("bad.cbor", "not a document"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CheckpointInvalid: the checkpoint", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_are_exit_2()
    {
        var trail = _directory.Write("trail.jsonl", string.Join('\n', _lines) + "\n");
        Assert.All(
            new[]
            {
                // Each with a policy, so that it fails for its own reason.
                Cli.Run("audit", "verify", _directory.File("missing.jsonl"), "--root", _root, "--any-enclave"),
                Cli.Run("audit", "verify", trail, "--root", _root, "--emulator-root", _directory.Path, "--any-enclave"),
                Cli.Run("audit", "verify", trail, "--checkpoint", _directory.File("missing.cbor"), "--root", _root, "--any-enclave"),
                Cli.Run("audit", "verify", trail, "--root", _root, "--any-enclave", "--measurements", _measurements),
                Cli.Run("--emulator", "audit", "verify", trail, "--any-enclave"),
                Cli.Run("audit", "verify", "--any-enclave"),
                Cli.Run("eventlog", "replay", trail, "--root", _root, "--any-enclave"),
            },
            result => Assert.True(result.ExitCode == 2, result.ToString()));
    }

    [Theory]
    [InlineData("audit", "verify")]
    [InlineData("eventlog", "replay")]
    public void Without_a_policy_a_trail_is_not_verified_and_the_error_says_which_options_give_one(string group, string command)
    {
        var trail = _directory.Write("trail.jsonl", string.Join('\n', _lines) + "\n");

        var result = Cli.Run(group, command, trail, "--root", _root);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith($"nsm: {group} {command} needs to know which enclave you expect", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--measurements FILE", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--any-enclave", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void A_trail_forged_and_proven_by_an_enclave_of_another_image_under_the_same_root_is_refused()
    {
        // The parent runs an enclave of its own under the same root, forges records, and has it sign their head.
        using var parents = ParentsEnclave(EnclaveImages.Other);
        var lines = TrailFiles.Forged(parents).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var expected = Verify(lines);
        var json = Verify(lines, "--json");
        var anyImage = Verify(lines, "--any-enclave");
        var given = Verify(_lines[..6], "--checkpoint", _directory.Write("forged.cbor", Checkpoint(_chain, signer: new NsmClient(parents)).Document.ToArray()));

        Assert.Equal(1, expected.ExitCode);
        Assert.StartsWith("verdict     BROKEN at record 1 (line 3): CheckpointInvalid: the checkpoint at line 3 proves nothing: the checkpoint is not from the expected enclave", expected.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("Expected PCR values", expected.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        Assert.Contains("\"kind\": \"CheckpointInvalid\"", json.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, anyImage.ExitCode);
        Assert.Equal(1, given.ExitCode);
        Assert.Contains("CheckpointInvalid: the checkpoint " + _directory.File("forged.cbor") + " proves nothing: the checkpoint is not from the expected enclave", given.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_from_a_debug_mode_enclave_is_refused_unless_debug_mode_is_allowed()
    {
        using var debug = ParentsEnclave(debugMode: true);
        var lines = _lines[..^1].Append(Line(Checkpoint(_chain, signer: new NsmClient(debug)))).ToArray();

        var refused = Verify(lines, "--any-enclave");
        var allowed = Verify(lines, "--any-enclave", "--allow-debug");
        var log = new EvidenceChain<PcrExtendEvidence>(ChainGenesis.Create(EvidenceLog.EventLog, _emulator.ModuleId, DateTimeOffset.UtcNow));
        LoggedExtend(log, 16, "one");
        var replayed = Cli.Run("eventlog", "replay", _directory.Write("debug.jsonl", Export(log, Checkpoint(log, ReadPcrs(), new NsmClient(debug)))), "--root", _root, "--any-enclave");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("the checkpoint is not from the expected enclave: invalid: DebugMode", refused.Lines[^1], StringComparison.Ordinal);
        // Allowed, it is valid: it then fails as what it is, another module than the chain's.
        Assert.Contains("CheckpointForeign", allowed.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(1, replayed.ExitCode);
        Assert.Contains("not from the expected enclave", replayed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_explains_extends_made_through_the_log_and_flags_one_made_outside()
    {
        var log = new EvidenceChain<PcrExtendEvidence>(ChainGenesis.Create(EvidenceLog.EventLog, _emulator.ModuleId, DateTimeOffset.UtcNow));
        LoggedExtend(log, 16, "one");
        LoggedExtend(log, 17, "two");
        var explained = Export(log, Checkpoint(log, ReadPcrs()));
        ExtendOutside(17, "outside"u8.ToArray());
        var outside = Export(log, Checkpoint(log, ReadPcrs()));

        var ok = Cli.Run("eventlog", "replay", _directory.Write("ok.jsonl", explained), "--root", _root, "--measurements", _measurements);
        var flagged = Cli.Run("eventlog", "replay", _directory.Write("outside.jsonl", outside), "--root", _root, "--measurements", _measurements, "--json");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("  PCR16  explained        1 extend(s)", ok.Stdout, StringComparison.Ordinal);
        Assert.Contains("  PCR17  explained        1 extend(s)", ok.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, flagged.ExitCode);
        Assert.Contains("\"verdict\": \"changedOutside\"", flagged.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"divergesAfter\": 2", flagged.Stdout, StringComparison.Ordinal);
    }

    private string CaDirectory => Directory.CreateDirectory(_directory.File("ca")).FullName;

    // Verified against the image the emulator runs, unless the test gives its own policy.
    private CliResult Verify(IEnumerable<string> lines, params string[] extra) =>
        Cli.Run(["audit", "verify", _directory.Write("trail.jsonl", string.Join('\n', lines) + "\n"), "--root", _root,
            .. extra.Any(e => e.StartsWith("--any-enclave", StringComparison.Ordinal)) ? extra : ["--measurements", _measurements, .. extra]]);

    private NsmEmulator ParentsEnclave(NitroCliMeasurements? image = null, bool debugMode = false) =>
        EnclaveImages.ParentsEnclave(CaDirectory, image, debugMode);

    private static string Line(CheckpointLine checkpoint) => Encoding.UTF8.GetString(NsmDashboard.Evidence.Canonical.CanonicalJson.Serialize(checkpoint.ToObject()));

    private CheckpointLine Checkpoint<T>(EvidenceChain<T> chain, PcrTable? pcrs = null, NsmClient? signer = null)
        where T : IEvidencePayload => TrailFiles.Checkpoint(signer ?? _client, chain, pcrs);

    private static string Export<T>(EvidenceChain<T> chain, params CheckpointLine[] checkpoints)
        where T : IEvidencePayload => TrailFiles.Export(chain, checkpoints);

    private void LoggedExtend(EvidenceChain<PcrExtendEvidence> log, ushort index, string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var before = _client.DescribePcrAsync(index).AsTask().GetAwaiter().GetResult().Data.ToArray();
        var after = _client.ExtendPcrAsync(index, data).AsTask().GetAwaiter().GetResult().ToArray();
        log.Append(new PcrExtendEvidence(DateTimeOffset.UtcNow, index, Convert.ToHexStringLower(System.Security.Cryptography.SHA384.HashData(data)), data.Length, false,
            before, after, "alice"), data);
    }

    // Another process with /dev/nsm, behind the log's back.
    private void ExtendOutside(ushort index, byte[] data) => _client.ExtendPcrAsync(index, data).AsTask().GetAwaiter().GetResult();

    private PcrTable ReadPcrs() => PcrTable.Create(Enumerable.Range(0, 32).Select(i =>
    {
        var pcr = _client.DescribePcrAsync((ushort)i).AsTask().GetAwaiter().GetResult();
        return new PcrValueEvidence(i, pcr.Lock, Convert.ToHexStringLower(pcr.Data.Span));
    }));
}
