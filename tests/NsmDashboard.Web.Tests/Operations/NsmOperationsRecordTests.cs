using System.Security.Cryptography;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Operations;

// What every INsmOperationSink (audit trail, event log) receives from the single mutating path.
public sealed class NsmOperationsRecordTests : NsmDashboardTestContext
{
    private readonly RecordingSink _sink = new();

    public NsmOperationsRecordTests()
    {
        Services.AddSingleton<INsmOperationSink>(_sink);
        Services.AddSingleton<INsmOperationSink, ThrowingSink>();
    }

    [Fact]
    public async Task An_extend_is_recorded_with_the_data_its_digest_and_the_PCR_before_and_after()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var first = await Operations.ExtendPcrAsync(16, new byte[] { 1, 2, 3 }, OtherOperator, ct);
        byte[] data = [4, 5];

        // Act
        var after = await Operations.ExtendPcrAsync(16, data, OtherOperator, ct);

        // Assert
        var record = _sink.Records[1];
        Assert.Equal(NsmOperationKind.ExtendPcr, record.Operation);
        Assert.Equal(NsmOperationOutcome.Succeeded, record.Outcome);
        Assert.Equal((ushort)16, record.Argument);
        Assert.Equal(OtherOperator, record.Caller);
        Assert.Equal(data, record.Data!.Value.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA384.HashData(data)), record.DataSha384);
        Assert.Equal(2, record.DataLength);
        Assert.Equal(first, Assert.Single(record.Before));
        Assert.Equal(after, Assert.Single(record.After));
        Assert.Null(record.ErrorCode);
    }

    [Fact]
    public async Task A_refused_extend_is_recorded_with_the_NSM_code_and_no_after()
    {
        var ct = TestContext.Current.CancellationToken;
        await Operations.LockPcrAsync(17, OtherOperator, ct);

        await Assert.ThrowsAnyAsync<NsmException>(() => Operations.ExtendPcrAsync(17, new byte[] { 9 }, OtherOperator, ct));

        var record = _sink.Records[^1];
        Assert.Equal(NsmOperationOutcome.Refused, record.Outcome);
        Assert.Equal(NsmErrorCode.ReadOnlyIndex, record.ErrorCode);
        Assert.True(Assert.Single(record.Before).Locked);
        Assert.Empty(record.After);
        Assert.False(string.IsNullOrEmpty(record.Reason));
    }

    [Fact]
    public async Task Lock_range_records_every_PCR_before_and_after_and_an_invalid_range_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;

        await Operations.LockPcrsAsync(18, OtherOperator, ct);
        await Assert.ThrowsAnyAsync<NsmException>(() => Operations.LockPcrsAsync(33, OtherOperator, ct));

        Assert.Equal(18, _sink.Records[0].Before.Count);
        Assert.All(_sink.Records[0].After, p => Assert.True(p.Locked));
        Assert.Equal(NsmErrorCode.InvalidIndex, _sink.Records[1].ErrorCode);
        Assert.Equal(32, _sink.Records[1].Before.Count);
    }

    [Fact]
    public async Task Attestation_is_recorded_with_what_the_request_carried_and_the_document_hash()
    {
        var request = new AttestationRequest(Nonce: new byte[] { 7, 7 });

        var document = await Operations.GetAttestationDocumentAsync(request, OtherOperator, TestContext.Current.CancellationToken);

        var record = Assert.Single(_sink.Records);
        Assert.Equal(NsmOperationKind.Attestation, record.Operation);
        Assert.Null(record.Argument);
        Assert.Contains("nonce 2 bytes", record.Details, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(document.Span)), record.Details, StringComparison.Ordinal);
    }

    private sealed class RecordingSink : INsmOperationSink
    {
        public List<NsmOperationRecord> Records { get; } = [];

        public void Record(NsmOperationRecord record) => Records.Add(record);
    }

    // A broken sink must neither undo the operation nor keep the others from recording it.
    private sealed class ThrowingSink : INsmOperationSink
    {
        public void Record(NsmOperationRecord record) => throw new InvalidOperationException("sink is broken");
    }
}
