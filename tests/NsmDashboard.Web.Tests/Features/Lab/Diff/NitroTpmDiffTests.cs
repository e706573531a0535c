using NsmDashboard.Web.Features.Lab.Diff;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Lab.Diff;

/// <summary>Diff with a NitroTPM document: kinds compared, PCRs of different kinds never compared index by index.</summary>
public sealed class NitroTpmDiffTests : NsmDashboardTestContext
{
    private static DiffSide Read(byte[] document, string name)
    {
        Assert.True(DiffSideReader.TryRead(name, document, out var side, out var error), error);
        return side;
    }

    [Fact]
    public void Two_nitrotpm_documents_compare_their_24_tpm_pcrs()
    {
        // Arrange
        var side = Read(AwsVectors.Tpm, "tpm.cbor");

        // Act
        var diff = DocumentDiff.Compare(side, side);

        // Assert
        Assert.Equal(0, diff.DifferenceCount);
        Assert.Equal(24, diff.Pcrs.Count);
        Assert.Equal("NitroTPM instance", diff.Row("kind")!.Left);
    }

    [Fact]
    public void A_nitrotpm_document_and_an_enclave_document_differ_in_kind_and_their_pcrs_are_not_compared()
    {
        // Arrange
        var tpm = Read(AwsVectors.Tpm, "tpm.cbor");
        var enclave = Read(AwsVectors.Nitrite, "nitrite.cbor");

        // Act
        var diff = DocumentDiff.Compare(tpm, enclave);

        // Assert
        var kind = diff.Row("kind")!;
        Assert.Equal((DiffStatus.Differs, "NitroTPM instance", "Nitro Enclave"), (kind.Status, kind.Left, kind.Right));
        var pcrs = Assert.Single(diff.Pcrs);
        Assert.Equal(DiffStatus.NotApplicable, pcrs.Status);
        Assert.Contains("not compared", pcrs.Note, StringComparison.Ordinal);
        Assert.Null(diff.Row("pcr-4"));
    }

    [Fact]
    public async Task A_nitrotpm_document_against_the_live_enclave_nsm_compares_no_pcr()
    {
        // Arrange
        var tpm = Read(AwsVectors.Tpm, "tpm.cbor");
        var live = DiffSide.FromLive(await State.GetSnapshotAsync(TestContext.Current.CancellationToken), DateTimeOffset.UtcNow);

        // Act
        var diff = DocumentDiff.Compare(tpm, live);

        // Assert
        Assert.Equal(DiffStatus.Differs, diff.Row("kind")!.Status);
        Assert.Equal(DiffStatus.NotApplicable, Assert.Single(diff.Pcrs).Status);
    }
}
