using NsmDashboard.Attestation;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Features.Lab.Diff;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Lab.Diff;

public sealed class DocumentDiffTests : NsmDashboardTestContext
{
    private static DiffSide Read(byte[] document, string name)
    {
        Assert.True(DiffSideReader.TryRead(name, document, out var side, out var error), error);
        return side;
    }

    private async Task<byte[]> EmulatorDocumentAsync(AttestationRequest request)
    {
        var outcome = await Services.GetRequiredService<AttestationService>()
            .RequestAsync(request, OtherOperator, TestContext.Current.CancellationToken);
        return outcome.Document.ToArray();
    }

    [Fact]
    public void A_document_compared_with_itself_has_no_differences()
    {
        // Arrange
        var side = Read(AwsVectors.Nitrite, "nitrite.cbor");

        // Act
        var diff = DocumentDiff.Compare(side, side);

        // Assert
        Assert.Equal(0, diff.DifferenceCount);
        Assert.All(diff.AllRows, r => Assert.Equal(DiffStatus.Same, r.Status));
        Assert.Equal(16, diff.Pcrs.Count);
        Assert.Equal("Same instant.", diff.Row("timestamp")!.Note);
    }

    [Fact]
    public void Two_real_AWS_documents_differ_in_module_time_PCRs_optional_fields_and_leaf_but_share_the_root()
    {
        // Arrange
        var nitrite = Read(AwsVectors.Nitrite, "nitrite.cbor");
        var evervault = Read(AwsVectors.Evervault, "evervault.cbor");
        var a = AttestationDocument.Decode(AwsVectors.Nitrite);
        var b = AttestationDocument.Decode(AwsVectors.Evervault);

        // Act
        var diff = DocumentDiff.Compare(nitrite, evervault);

        // Assert: module and time.
        Assert.Equal(DiffStatus.Differs, diff.Row("module_id")!.Status);
        Assert.Equal(("i-0809849710bf1b61b-enc017cc45400406a27", b.ModuleId), (diff.Row("module_id")!.Left, diff.Row("module_id")!.Right));
        Assert.Equal(DiffStatus.Same, diff.Row("digest")!.Status);
        Assert.Equal(AwsVectors.EvervaultTime - AwsVectors.NitriteTime, diff.TimestampDelta);
        Assert.Equal("2021-10-28 17:02:02.077 UTC", diff.Row("timestamp")!.Left);
        Assert.Equal($"B is {DocumentDiff.FormatDuration(diff.TimestampDelta!.Value)} later than A.", diff.Row("timestamp")!.Note);

        // PCRs: debug-mode zeros on the left, measurements on the right.
        Assert.Equal(DiffStatus.Differs, diff.Row("pcr-0")!.Status);
        Assert.Equal(new string('0', 96), diff.Row("pcr-0")!.Left);
        foreach (var index in a.Pcrs!.Keys.Union(b.Pcrs!.Keys))
        {
            var row = diff.Row($"pcr-{index}")!;
            var expected = (a.Pcrs.TryGetValue(index, out var x), b.Pcrs.TryGetValue(index, out var y)) switch
            {
                (true, true) => x.Span.SequenceEqual(y.Span) ? DiffStatus.Same : DiffStatus.Differs,
                (true, false) => DiffStatus.OnlyLeft,
                _ => DiffStatus.OnlyRight,
            };
            Assert.Equal(expected, row.Status);
        }

        // Optional fields: empty vs null, 64 bytes vs null, two different nonces.
        Assert.Equal(("empty (0 bytes)", "null", DiffStatus.Differs), Cells(diff.Row("public_key")!));
        Assert.Equal("A: empty, B: null.", diff.Row("public_key")!.Note);
        Assert.Equal(("null", DiffStatus.Differs), (diff.Row("user_data")!.Right, diff.Row("user_data")!.Status));
        Assert.Equal("A: 64 bytes, B: null.", diff.Row("user_data")!.Note);
        Assert.Equal(DiffStatus.Differs, diff.Row("nonce")!.Status);
        Assert.Null(diff.Row("nonce")!.Note);

        // Certificates: different leaves, same AWS root at cabundle[0].
        Assert.Equal(DiffStatus.Differs, diff.Row("certificate-sha256")!.Status);
        Assert.Equal(DiffStatus.Differs, diff.Row("certificate-serial")!.Status);
        Assert.Equal(DiffStatus.Differs, diff.Row("certificate-not-before")!.Status);
        Assert.Equal(DiffStatus.Same, diff.Row("cabundle-0")!.Status);
        Assert.Contains(AwsVectors.AwsRootSha256[..16], diff.Row("cabundle-0")!.Left, StringComparison.Ordinal);
        Assert.Contains("CN=aws.nitro-enclaves", diff.Row("cabundle-0")!.Left, StringComparison.Ordinal);
        Assert.Equal(DiffStatus.Differs, diff.Row("cabundle-1")!.Status);
        Assert.True(diff.DifferenceCount >= 10);
    }

    [Fact]
    public void Absent_null_empty_and_bytes_are_four_different_answers()
    {
        // Arrange
        DiffSide Side(OptionalBytes nonce) => new() { Description = "test", IsLive = false, Nonce = nonce };

        // Act
        var absentEmpty = DocumentDiff.Compare(Side(OptionalBytes.Absent), Side(OptionalBytes.FromBytes(Array.Empty<byte>()))).Row("nonce")!;
        var nullAbsent = DocumentDiff.Compare(Side(OptionalBytes.Null), Side(OptionalBytes.Absent)).Row("nonce")!;
        var nullEmpty = DocumentDiff.Compare(Side(OptionalBytes.Null), Side(OptionalBytes.FromBytes(Array.Empty<byte>()))).Row("nonce")!;
        var same = DocumentDiff.Compare(Side(OptionalBytes.FromBytes(new byte[] { 1 })), Side(OptionalBytes.FromBytes(new byte[] { 1 }))).Row("nonce")!;

        // Assert
        Assert.Equal((null, "empty (0 bytes)", DiffStatus.OnlyRight), Cells(absentEmpty));
        Assert.Equal(("null", null, DiffStatus.OnlyLeft), Cells(nullAbsent));
        Assert.Equal(("null", "empty (0 bytes)", DiffStatus.Differs), Cells(nullEmpty));
        Assert.Equal(("01", "01", DiffStatus.Same), Cells(same));
    }

    [Fact]
    public async Task Two_emulator_documents_differ_where_their_requests_and_the_PCRs_did()
    {
        // Arrange: the same module; a nonce in the second request only, and PCR16 extended and locked in between
        // (documents carry only locked PCRs).
        var before = Read(await EmulatorDocumentAsync(new AttestationRequest()), "before");
        await Operations.ExtendPcrAsync(16, new byte[] { 1, 2, 3 }, OtherOperator, TestContext.Current.CancellationToken);
        await Operations.LockPcrAsync(16, OtherOperator, TestContext.Current.CancellationToken);
        var after = Read(await EmulatorDocumentAsync(new AttestationRequest(Nonce: new byte[] { 0xaa, 0xbb })), "after");

        // Act
        var diff = DocumentDiff.Compare(before, after);

        // Assert
        Assert.Equal(DiffStatus.Same, diff.Row("module_id")!.Status);
        Assert.Equal(DiffStatus.OnlyRight, diff.Row("pcr-16")!.Status);
        Assert.Equal("cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e", diff.Row("pcr-16")!.Right);
        Assert.All(diff.Pcrs.Where(r => r.Key != "pcr-16"), r => Assert.Equal(DiffStatus.Same, r.Status));
        Assert.Equal(("null", "aabb", DiffStatus.Differs), Cells(diff.Row("nonce")!));
        Assert.Equal(DiffStatus.Same, diff.Row("cabundle-count")!.Status);
        Assert.True(diff.TimestampDelta >= TimeSpan.Zero);
    }

    [Fact]
    public async Task A_document_against_the_live_state_shows_PCRs_changed_since_and_marks_document_only_fields()
    {
        // Arrange: PCR16 locked before the document; after it, PCR17 extended and locked,
        // PCR18 extended but not locked.
        await Operations.LockPcrAsync(16, OtherOperator, TestContext.Current.CancellationToken);
        var document = Read(await EmulatorDocumentAsync(new AttestationRequest()), "document");
        await Operations.ExtendPcrAsync(17, "later"u8.ToArray(), OtherOperator, TestContext.Current.CancellationToken);
        await Operations.LockPcrAsync(17, OtherOperator, TestContext.Current.CancellationToken);
        await Operations.ExtendPcrAsync(18, "unlocked"u8.ToArray(), OtherOperator, TestContext.Current.CancellationToken);
        var readAt = DateTimeOffset.UtcNow;
        var live = DiffSide.FromLive(await State.GetSnapshotAsync(TestContext.Current.CancellationToken), readAt);

        // Act
        var diff = DocumentDiff.Compare(document, live);

        // Assert
        Assert.Equal(DiffStatus.Same, diff.Row("module_id")!.Status);
        Assert.Equal(DiffStatus.Same, diff.Row("digest")!.Status);
        Assert.Equal("timestamp (live: read at)", diff.Row("timestamp")!.Field);
        Assert.Equal(DiffStatus.NotApplicable, diff.Row("timestamp")!.Status);
        Assert.EndsWith("later than A.", diff.Row("timestamp")!.Note, StringComparison.Ordinal);
        Assert.Equal(DiffStatus.Same, diff.Row("pcr-16")!.Status);
        Assert.Equal(DiffStatus.OnlyRight, diff.Row("pcr-17")!.Status);
        Assert.Equal(DiffStatus.NotApplicable, diff.Row("pcr-18")!.Status);
        Assert.Contains("documents carry only locked PCRs", diff.Row("pcr-18")!.Note, StringComparison.Ordinal);
        Assert.Equal(32, diff.Pcrs.Count);
        Assert.Equal(["pcr-17"], diff.Pcrs.Where(r => r.IsDifference).Select(r => r.Key));
        Assert.All(diff.Fields.Concat(diff.Certificate).Concat(diff.CaBundle), r => Assert.Equal(DiffStatus.NotApplicable, r.Status));
        Assert.Equal(1, diff.DifferenceCount);
    }

    [Theory]
    [InlineData("this is not a document!", "Format not recognised (read as base64)")]
    [InlineData("   ", "Paste a document (base64 or hex).")]
    public void Text_that_is_not_a_document_gives_a_message(string text, string expected)
    {
        Assert.False(DiffSideReader.TryRead(text, out var side, out var error));
        Assert.Null(side);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_a_document_give_the_decode_error_with_its_place()
    {
        // Arrange: a truncated real document, as hex.
        var truncated = Convert.ToHexStringLower(AwsVectors.Nitrite.AsSpan(0, 200));

        // Act
        var read = DiffSideReader.TryRead(truncated, out _, out var error);

        // Assert
        Assert.False(read);
        Assert.Matches(@"^Not an attestation document\. Decode error at byte \d+ in ", error);
    }

    [Fact]
    public void Durations_read_largest_unit_first()
    {
        Assert.Equal("0.5 s", DocumentDiff.FormatDuration(TimeSpan.FromMilliseconds(500)));
        Assert.Equal("1 h 0 min 2 s", DocumentDiff.FormatDuration(TimeSpan.FromSeconds(3602)));
        Assert.Equal("2 d 0 h 0 min 0.059 s", DocumentDiff.FormatDuration(-TimeSpan.FromDays(2) - TimeSpan.FromMilliseconds(59)));
    }

    private static (string? Left, string? Right, DiffStatus Status) Cells(DiffRow row) => (row.Left, row.Right, row.Status);
}
