using NsmDashboard.Nsm;

namespace NsmDashboard.Web.Hosting;

/// <summary>
/// The dashboard's NSM settings, bound from the <c>Nsm</c> configuration section
/// (<c>appsettings.json</c>, <c>Nsm__Mode</c> environment variables, or <c>--Nsm:Mode=emulator</c>).
/// Validated at startup by <see cref="ValidateNsmDashboardOptions"/>.
/// </summary>
public sealed class NsmDashboardOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Nsm";

    /// <summary>Where the Linux driver creates the NSM device node.</summary>
    public const string DefaultDevicePath = "/dev/nsm";

    /// <summary>
    /// How to choose the module: <c>auto</c> (the device when <see cref="DevicePath"/> exists, else the
    /// emulator), <c>device</c> (fail without the device) or <c>emulator</c>.
    /// </summary>
    public NsmMode Mode { get; set; } = NsmMode.Auto;

    /// <summary>The NSM device node; <c>/dev/nsm</c> unless the driver lives elsewhere.</summary>
    public string DevicePath { get; set; } = DefaultDevicePath;

    /// <summary>
    /// How often the anonymous <c>GET /healthz</c> may ask the NSM (DescribeNSM): at most once per interval, whatever the
    /// request rate; 10 seconds unless configured. Failures seen by any request count at once.
    /// </summary>
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How the in-process emulator is set up when it is chosen (the same settings as the CLI's).</summary>
    public NsmEmulatorSettings Emulator { get; set; } = new();
}
