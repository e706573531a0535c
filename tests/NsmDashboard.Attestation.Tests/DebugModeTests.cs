namespace NsmDashboard.Attestation.Tests;

/// <summary>
/// The debug-mode rule (EnclaveDebugMode): PCR0, PCR1 and PCR2 all present and all zero, as AWS documents for
/// enclaves started with --debug-mode; checked against the real documents of tests/Shared/Vectors.
/// </summary>
public sealed class DebugModeTests
{
    private static readonly byte[] Zero = new byte[48];
    private static readonly byte[] Measured = [.. Enumerable.Repeat((byte)0x9d, 48)];

    [Theory]
    [InlineData(AwsVectors.NitriteFile, true)]
    [InlineData(AwsVectors.Evervault2023File, true)]
    [InlineData(AwsVectors.EvervaultFile, false)]
    public void Real_documents_are_in_debug_mode_exactly_when_AWS_says(string file, bool debug)
    {
        var document = AttestationDocument.Decode(AwsVectors.Read(file));

        Assert.Equal(debug, document.IsDebugMode);
        Assert.Equal(debug, EnclaveDebugMode.IsIndicatedBy(document.Pcrs!));
    }

    [Fact]
    public void A_NitroTPM_document_is_never_in_debug_mode() =>
        Assert.False(AttestationDocument.Decode(AwsVectors.Tpm).IsDebugMode);

    [Fact]
    public void Zero_PCR0_PCR1_and_PCR2_are_debug_mode_whatever_the_other_PCRs_hold() =>
        Assert.True(EnclaveDebugMode.IsIndicatedBy(Pcrs(Zero, Zero, Zero, Measured)));

    [Fact]
    public void A_zero_PCR0_alone_is_not_debug_mode()
    {
        Assert.False(EnclaveDebugMode.IsIndicatedBy(Pcrs(Zero, Measured, Zero)));
        Assert.False(EnclaveDebugMode.IsIndicatedBy(Pcrs(Zero, Zero, Measured)));
    }

    [Fact]
    public void Missing_or_empty_PCRs_are_not_debug_mode()
    {
        Assert.False(EnclaveDebugMode.IsIndicatedBy(Pcrs(Zero, Zero)));
        Assert.False(EnclaveDebugMode.IsIndicatedBy(Pcrs(Zero, Zero, [])));
        Assert.False(EnclaveDebugMode.IsIndicatedBy(new Dictionary<int, ReadOnlyMemory<byte>>()));
    }

    private static Dictionary<int, ReadOnlyMemory<byte>> Pcrs(params byte[][] values) =>
        values.Select((value, index) => KeyValuePair.Create(index, (ReadOnlyMemory<byte>)value)).ToDictionary();
}
