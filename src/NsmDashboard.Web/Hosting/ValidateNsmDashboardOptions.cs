using Microsoft.Extensions.Options;
using NsmDashboard.Nsm;

namespace NsmDashboard.Web.Hosting;

/// <summary>
/// Checks <see cref="NsmDashboardOptions"/> at startup so that a typo in configuration stops the app with
/// one line per problem, naming the setting, instead of failing later inside the emulator or the driver.
/// </summary>
public sealed class ValidateNsmDashboardOptions : IValidateOptions<NsmDashboardOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, NsmDashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = NsmDashboardOptions.SectionName;

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{Section}:Mode must be auto, device or emulator.");
        }

        if (string.IsNullOrWhiteSpace(options.DevicePath) || !Path.IsPathFullyQualified(options.DevicePath))
        {
            failures.Add($"{Section}:DevicePath must be an absolute path such as /dev/nsm (got '{options.DevicePath}').");
        }

        if (options.HealthProbeInterval < TimeSpan.FromSeconds(1) || options.HealthProbeInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:HealthProbeInterval must be from 1 second to 1 hour (e.g. 00:00:10).");
        }

        if (options.Emulator is null)
        {
            failures.Add($"{Section}:Emulator must be a section, not a value.");
        }
        else
        {
            ValidateEmulator(options.Emulator, $"{Section}:Emulator", failures);
            ValidateFaults(options, NsmFaultSettings.SectionPath, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateEmulator(NsmEmulatorSettings settings, string section, List<string> failures)
    {
        NitroCliMeasurements? measurements = null;
        if (settings.MeasurementsFile is { } path)
        {
            measurements = LoadMeasurements(path, section, failures);
        }

        if (settings.CertificateAuthorityDirectory is { } directory && File.Exists(directory))
        {
            failures.Add($"{section}:CertificateAuthorityDirectory '{directory}' is a file; it must name a directory.");
        }

        // The emulator owns the rules for its identifiers (module id, instance id, role ARN); ask it
        // rather than keep a second copy of them here.
        try
        {
            EmulatorOptionsFactory.Create(settings, measurements, TimeProvider.System).Validate();
        }
        catch (ArgumentException ex)
        {
            failures.Add($"{section}:{ex.ParamName ?? "options"}: {FirstSentences(ex.Message)}");
        }
    }

    private static void ValidateFaults(NsmDashboardOptions options, string section, List<string> failures)
    {
        if (options.Emulator.Faults is not { } faults)
        {
            failures.Add($"{section} must be a section, not a value.");
            return;
        }

        _ = faults.ToRules(section, failures);
        if (faults.Rules.Count > 0 && !faults.Enabled)
        {
            failures.Add($"{section}:Rules are set but {section}:Enabled is not true: set it to inject the faults, or remove the rules.");
        }

        if (faults.Enabled && options.Mode == NsmMode.Device)
        {
            failures.Add(DeviceRefusal(section, $"Nsm:Mode=device"));
        }
    }

    /// <summary>The one line that refuses fault injection when the NSM is the real device.</summary>
    internal static string DeviceRefusal(string section, string why) =>
        $"{section}:Enabled is true but the NSM is the real device ({why}): fault injection is for the emulator only. Remove {section} or set Nsm:Mode=emulator.";

    private static NitroCliMeasurements? LoadMeasurements(string path, string section, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            failures.Add($"{section}:MeasurementsFile '{path}' does not exist.");
            return null;
        }

        try
        {
            return NitroCliMeasurements.Load(path);
        }
        catch (Exception ex) when (ex is MeasurementsFormatException or IOException or UnauthorizedAccessException)
        {
            failures.Add($"{section}:MeasurementsFile '{path}' cannot be used: {ex.Message}");
            return null;
        }
    }

    // ArgumentException appends " (Parameter 'x')"; the setting name is already in front.
    private static string FirstSentences(string message)
    {
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
