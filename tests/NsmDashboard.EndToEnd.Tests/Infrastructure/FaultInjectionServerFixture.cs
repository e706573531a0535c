using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Nsm.Emulator.Faults;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The dashboard with fault injection on (<c>Nsm:Emulator:Faults:Enabled</c>) and no rule at start: tests open a
/// window of failures with <see cref="Schedule"/> and clear it to let the "device" recover, while pages stay open.
/// </summary>
public sealed class FaultInjectionServerFixture : NsmDashboardServerFixture
{
    /// <summary>The schedule the emulated device fails by.</summary>
    public NsmFaultSchedule Schedule => App.Application.Services.GetRequiredService<NsmFaultSchedule>();

    /// <inheritdoc/>
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Nsm:Emulator:Faults:Enabled"] = "true";
    }
}
