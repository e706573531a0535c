using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;

namespace NsmDashboard.Web.Hosting;

/// <summary>Turns the <c>Nsm:Emulator</c> settings into the emulator's own options.</summary>
internal static class EmulatorOptionsFactory
{
    /// <summary>Builds emulator options; unset settings keep the emulator's defaults.</summary>
    public static NsmEmulatorOptions Create(NsmEmulatorSettings settings, NitroCliMeasurements? measurements, TimeProvider timeProvider)
    {
        var options = new NsmEmulatorOptions
        {
            Measurements = measurements,
            IamRoleArn = settings.IamRoleArn,
            InstanceId = settings.InstanceId,
            DebugMode = settings.DebugMode,
            CertificateAuthorityDirectory = settings.CertificateAuthorityDirectory,
            TimeProvider = timeProvider,
        };

        if (settings.ModuleId is { } moduleId)
        {
            options.ModuleId = moduleId;
        }

        return options;
    }

    /// <summary>Builds options from settings, loading the measurements file if one is named.</summary>
    public static NsmEmulatorOptions Create(NsmEmulatorSettings settings, TimeProvider timeProvider) =>
        Create(
            settings,
            settings.MeasurementsFile is { } path ? NitroCliMeasurements.Load(path) : null,
            timeProvider);
}
