using NsmDashboard.Attestation;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Features.Measurements;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Measurements;

// The same table for an emulated enclave started in debug mode: PCR0–2 read zero and are marked so.
public sealed class MeasurementBadgeDebugTests() : NsmDashboardTestContext(new NsmEmulatorOptions { DebugMode = true })
{
    [Fact]
    public async Task A_live_debug_mode_enclave_is_marked_zero_because_of_debug_mode()
    {
        var pcrs = (await State.GetSnapshotAsync(TestContext.Current.CancellationToken)).Pcrs;
        Services.GetRequiredService<ExpectedMeasurementStore>().Add(
            new ExpectedPcrSet("release-42", NsmEmulatorOptions.DefaultMeasurements.Pcrs), ExpectedMeasurementSet.BuildEnclaveSource);

        var table = Render<PcrTable>(p => p.Add(x => x.Pcrs, pcrs));

        Assert.Equal(["DebugZero", "DebugZero", "DebugZero"], table.FindAll("[data-testid=measurement-badge]").Take(3).Select(b => b.GetAttribute("data-kind")));
    }
}
