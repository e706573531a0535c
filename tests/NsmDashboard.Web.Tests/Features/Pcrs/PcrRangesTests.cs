using NsmDashboard.Attestation;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Tests.Features.Pcrs;

public sealed class PcrRangesTests
{
    [Theory]
    [InlineData(new ushort[0], "none")]
    [InlineData(new ushort[] { 3 }, "3")]
    [InlineData(new ushort[] { 0, 1, 2, 3 }, "0–3")]
    [InlineData(new ushort[] { 17, 0, 1, 2, 20, 21 }, "0–2, 17, 20–21")]
    [InlineData(new ushort[] { 5, 5, 6 }, "5–6")]
    public void Formats_indices_as_ranges(ushort[] indices, string expected) =>
        Assert.Equal(expected, PcrRanges.Format(indices));

    [Fact]
    public void Live_PCRs_are_in_debug_mode_when_PCR0_to_2_are_all_zero_and_nothing_else()
    {
        PcrState Pcr(ushort index, byte fill) => new(index, true, Enumerable.Repeat(fill, 48).ToArray());

        Assert.True(EnclaveDebugMode.IsIndicatedBy(new PcrState[] { Pcr(0, 0), Pcr(1, 0), Pcr(2, 0), Pcr(3, 1) }.ValueOf));
        Assert.False(EnclaveDebugMode.IsIndicatedBy(new PcrState[] { Pcr(0, 0), Pcr(1, 0), Pcr(2, 7) }.ValueOf));
        Assert.False(EnclaveDebugMode.IsIndicatedBy(new PcrState[] { Pcr(0, 0), Pcr(1, 0) }.ValueOf));
    }
}
