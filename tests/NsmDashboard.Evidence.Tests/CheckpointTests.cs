using System.Buffers.Binary;
using NsmDashboard.Attestation;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Records;

namespace NsmDashboard.Evidence.Tests;

/// <summary>The checkpoint encoding in user_data and its verification against an attestation document.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly EmulatedModule _module = new();

    public void Dispose() => _module.Dispose();

    [Fact]
    public void A_checkpoint_encodes_to_190_bytes_and_decodes_back()
    {
        var checkpoint = new Checkpoint(EvidenceLog.EventLog, 123_456, Hash(1), Hash(2), Hash(3));

        var bytes = checkpoint.Encode();

        Assert.Equal(190, bytes.Length);
        Assert.Equal("nsm-dashboard/evidence/checkpoint/v1\0"u8.ToArray(), bytes[..37]);
        Assert.Equal(2, bytes[37]);
        Assert.Equal(123_456UL, BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(38)));
        Assert.True(Checkpoint.TryDecode(bytes, out var decoded, out _));
        Assert.Equal(checkpoint, decoded);
    }

    [Fact]
    public void Without_a_PCR_table_the_last_48_bytes_are_zero_and_decode_as_none()
    {
        var bytes = new Checkpoint(EvidenceLog.Audit, 1, Hash(1), Hash(2)).Encode();

        Assert.All(bytes[142..], b => Assert.Equal(0, b));
        Assert.True(Checkpoint.TryDecode(bytes, out var decoded, out _));
        Assert.Null(decoded.PcrTableDigest);
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "other prefix", "does not begin" },
        { "short", "has 189" },
        { "long", "has 191" },
        { "stream 0", "neither 1" },
        { "stream 3", "neither 1" },
        { "sequence 2^53", "beyond" },
        { "empty", "does not begin" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Anything_but_the_exact_layout_is_not_a_checkpoint(string variant, string reason)
    {
        var bytes = new Checkpoint(EvidenceLog.Audit, 1, Hash(1), Hash(2)).Encode();
        bytes = variant switch
        {
            "other prefix" => [.. "nsm-dashboard/evidence/checkpoint/v2\0"u8, .. bytes[37..]],
            "short" => bytes[..189],
            "long" => [.. bytes, 0],
            "stream 0" => Set(bytes, 37, 0),
            "stream 3" => Set(bytes, 37, 3),
            "sequence 2^53" => WithSequence(bytes, 1UL << 53),
            _ => [],
        };

        Assert.False(Checkpoint.TryDecode(bytes, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nsm-dashboard/evidence/checkpoint/v1", true)]
    [InlineData("nsm-dashboard/evidence/anything", true)]
    [InlineData("nsm-dashboard/evidence", false)]
    [InlineData("my own user data", false)]
    public void User_data_in_the_evidence_domain_is_reserved_for_the_dashboard(string userData, bool reserved)
    {
        Assert.Equal(reserved, Checkpoint.IsReserved(System.Text.Encoding.ASCII.GetBytes(userData)));
    }

    [Fact]
    public void A_document_binding_a_checkpoint_with_the_callers_nonce_verifies()
    {
        var chain = Trails.AuditChain(_module.ModuleId);
        Trails.AppendAudit(chain, 2);
        var nonce = new byte[] { 1, 2, 3 };
        var line = _module.Checkpoint(chain, CheckpointLine.TakenByPull, nonce);

        var verification = _module.Verifier().Verify(line.Document, nonce, DateTimeOffset.UtcNow);

        Assert.True(verification.IsValid, verification.Reason);
        Assert.Equal(Checkpoint.Of(chain.Head), verification.Checkpoint);
        Assert.Equal(_module.ModuleId, verification.ModuleId);
        Assert.False(verification.IsRootedInAws);
    }

    [Fact]
    public void A_document_with_another_nonce_is_refused_as_a_possible_replay()
    {
        var chain = Trails.AuditChain(_module.ModuleId);
        var line = _module.Checkpoint(chain, nonce: [9, 9, 9]);

        var verification = _module.Verifier().Verify(line.Document, new byte[] { 1, 2, 3 });

        Assert.Equal(CheckpointFailure.NonceMismatch, verification.Failure);
        Assert.Null(verification.Checkpoint);
    }

    [Fact]
    public void A_valid_document_whose_user_data_is_not_a_checkpoint_proves_nothing()
    {
        var withOther = _module.Verifier().Verify(_module.Attest("hello"u8.ToArray()));
        var withNone = _module.Verifier().Verify(_module.Attest(null));

        Assert.Equal(CheckpointFailure.NotACheckpoint, withOther.Failure);
        Assert.Contains("does not begin", withOther.Reason, StringComparison.Ordinal);
        Assert.Equal(CheckpointFailure.NotACheckpoint, withNone.Failure);
    }

    [Fact]
    public void A_document_from_another_root_is_refused()
    {
        using var other = new EmulatedModule();
        var chain = Trails.AuditChain(other.ModuleId);
        var line = other.Checkpoint(chain);

        var byOtherRoot = _module.Verifier().Verify(line.Document);
        var byAws = new CheckpointVerifier(AttestationTrustRoot.Aws).Verify(line.Document);

        Assert.Equal(CheckpointFailure.AttestationInvalid, byOtherRoot.Failure);
        Assert.Equal(AttestationFailure.UntrustedRoot, byOtherRoot.Attestation.Failure);
        Assert.Equal(CheckpointFailure.AttestationInvalid, byAws.Failure);
    }

    [Fact]
    public void A_checkpoint_from_an_enclave_of_another_image_under_the_same_root_is_refused_by_the_enclave_policy()
    {
        using var root = new SharedRoot();
        using var dashboard = root.Enclave();
        using var parents = root.Enclave(SharedRoot.OtherImage);
        var line = parents.Checkpoint(Trails.AuditChain(parents.ModuleId));

        var rootOnly = dashboard.Verifier().Verify(line.Document);
        var withPolicy = dashboard.Verifier(SharedRoot.ExpectDefaultImage()).Verify(line.Document);
        var fresh = dashboard.Verifier(SharedRoot.ExpectDefaultImage()).Verify(parents.Checkpoint(Trails.AuditChain(parents.ModuleId), nonce: [4]).Document, [4], DateTimeOffset.UtcNow);

        Assert.True(rootOnly.IsValid, rootOnly.Reason);
        Assert.Equal(CheckpointFailure.NotExpectedEnclave, withPolicy.Failure);
        Assert.Equal(AttestationFailure.PcrMismatch, withPolicy.Attestation.Failure);
        Assert.StartsWith("the checkpoint is not from the expected enclave: invalid: PcrMismatch", withPolicy.Reason, StringComparison.Ordinal);
        Assert.Null(withPolicy.Checkpoint);
        Assert.Equal(CheckpointFailure.NotExpectedEnclave, fresh.Failure);
    }

    [Fact]
    public void A_checkpoint_from_a_debug_mode_enclave_is_refused_unless_debug_mode_is_allowed()
    {
        using var root = new SharedRoot();
        using var dashboard = root.Enclave();
        using var debug = root.Enclave(debugMode: true);
        var line = debug.Checkpoint(Trails.AuditChain(debug.ModuleId));
        // Any image, debug mode refused: what --any-enclave without --allow-debug asks.
        var anyImage = new AttestationPolicy { ExpectedKind = AttestationDocumentKind.NitroEnclave, AllowDebugMode = false };

        var rootOnly = dashboard.Verifier().Verify(line.Document);
        var refused = dashboard.Verifier(anyImage).Verify(line.Document);
        var allowed = dashboard.Verifier(new AttestationPolicy { ExpectedKind = AttestationDocumentKind.NitroEnclave, AllowDebugMode = true }).Verify(line.Document);
        var expectingTheImage = dashboard.Verifier(SharedRoot.ExpectDefaultImage(allowDebug: true)).Verify(line.Document);

        Assert.True(rootOnly.IsValid, rootOnly.Reason);
        Assert.Equal(CheckpointFailure.NotExpectedEnclave, refused.Failure);
        Assert.Equal(AttestationFailure.DebugMode, refused.Attestation.Failure);
        Assert.True(allowed.IsValid, allowed.Reason);
        // Allowing debug mode never passes its zero PCR0–2 as the expected image.
        Assert.Equal(CheckpointFailure.NotExpectedEnclave, expectingTheImage.Failure);
    }

    [Fact]
    public void The_enclave_policy_passes_the_expected_image_and_may_not_carry_a_nonce()
    {
        using var root = new SharedRoot();
        using var dashboard = root.Enclave();
        var line = dashboard.Checkpoint(Trails.AuditChain(dashboard.ModuleId), nonce: [7]);

        var verification = dashboard.Verifier(SharedRoot.ExpectDefaultImage()).Verify(line.Document, [7], DateTimeOffset.UtcNow);
        var otherNonce = dashboard.Verifier(SharedRoot.ExpectDefaultImage()).Verify(line.Document, [8], DateTimeOffset.UtcNow);

        Assert.True(verification.IsValid, verification.Reason);
        Assert.Equal(CheckpointFailure.NonceMismatch, otherNonce.Failure);
        Assert.Throws<ArgumentException>(() => dashboard.Verifier(new AttestationPolicy { ExpectedNonce = new byte[] { 7 } }));
    }

    [Fact]
    public void Bytes_that_are_not_a_document_are_refused_without_throwing()
    {
        var verification = _module.Verifier().Verify(new byte[] { 0xa0 });

        Assert.Equal(CheckpointFailure.AttestationInvalid, verification.Failure);
    }

    [Fact]
    public void A_checkpoint_line_reads_back_and_agrees_with_its_document_and_its_PCR_table()
    {
        var chain = Trails.AuditChain(_module.ModuleId);
        var pcrs = _module.ReadPcrs();
        var line = _module.Checkpoint(chain, pcrs: pcrs);

        Assert.True(CheckpointLine.TryRead(line.ToObject(), out var read, out _));
        var verification = _module.Verifier().Verify(read.Document);

        Assert.True(verification.IsValid);
        Assert.Equal(pcrs.Digest, verification.Checkpoint!.PcrTableDigest);
        Assert.True(read.AgreesWith(verification, out var problem), problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0102")]
    public void A_checkpoint_lines_nonce_reads_back_as_it_was_none_empty_or_bytes(string? hex)
    {
        var nonce = hex is null ? null : Convert.FromHexString(hex);
        var chain = Trails.AuditChain(_module.ModuleId);
        var line = _module.Checkpoint(chain, nonce: nonce);

        Assert.True(CheckpointLine.TryRead(line.ToObject(), out var read, out _));
        var verification = _module.Verifier().Verify(read.Document);

        Assert.Equal(nonce, read.Nonce);
        Assert.Equal(hex is null ? "null" : hex.Length == 0 ? "empty" : "2 bytes", verification.Document!.Nonce.ToString());
        Assert.True(read.AgreesWith(verification, out var problem), problem);
    }

    [Fact]
    public void A_PCR_table_that_contradicts_the_locked_PCRs_the_document_lists_is_refused()
    {
        var chain = Trails.AuditChain(_module.ModuleId);
        var entries = _module.ReadPcrs().Entries.Select(e => e.Index == 0 ? e with { Value = new string('1', 96) } : e).ToList();
        var forged = PcrTable.Create(entries);
        var line = _module.Checkpoint(chain, pcrs: forged);

        var verification = _module.Verifier().Verify(line.Document);

        Assert.True(verification.IsValid);
        Assert.False(line.AgreesWith(verification, out var problem));
        Assert.Contains("PCR0", problem, StringComparison.Ordinal);
    }

    private static EvidenceHash Hash(byte seed) => EvidenceHash.Compute([seed]);

    private static byte[] Set(byte[] bytes, int offset, byte value)
    {
        bytes[offset] = value;
        return bytes;
    }

    private static byte[] WithSequence(byte[] bytes, ulong sequence)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(38), sequence);
        return bytes;
    }
}
