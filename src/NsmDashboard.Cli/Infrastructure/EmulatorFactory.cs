using System.CommandLine;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>Builds the emulator from the global options; every bad value is a usage error naming its option.</summary>
internal static class EmulatorFactory
{
    /// <exception cref="CliException">An emulator option is malformed or its file unreadable (exit 2).</exception>
    public static NsmEmulator Create(GlobalOptions options, ParseResult parseResult)
    {
        var settings = new NsmEmulatorOptions
        {
            Measurements = LoadMeasurements(parseResult.GetValue(options.Measurements)),
            DebugMode = parseResult.GetValue(options.DebugMode),
            CertificateAuthorityDirectory = parseResult.GetValue(options.CaDirectory),
            IamRoleArn = parseResult.GetValue(options.IamRole),
            InstanceId = parseResult.GetValue(options.InstanceId),
        };
        if (parseResult.GetValue(options.ModuleId) is { } moduleId)
        {
            settings.ModuleId = moduleId;
        }

        try
        {
            return new NsmEmulator(settings);
        }
        catch (ArgumentException e)
        {
            var option = e.ParamName switch
            {
                nameof(NsmEmulatorOptions.ModuleId) => options.ModuleId.Name,
                nameof(NsmEmulatorOptions.InstanceId) => options.InstanceId.Name,
                nameof(NsmEmulatorOptions.IamRoleArn) => options.IamRole.Name,
                nameof(NsmEmulatorOptions.CertificateAuthorityDirectory) => options.CaDirectory.Name,
                _ => "--emulator",
            };
            throw CliException.Usage($"{option}: {FirstSentences(e)}", e);
        }
        catch (EmulatorCertificateAuthorityException e)
        {
            throw CliException.Usage($"{options.CaDirectory.Name}: {e.Message}", e);
        }
    }

    private static NitroCliMeasurements? LoadMeasurements(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return NitroCliMeasurements.Load(path);
        }
        catch (Exception e) when (e is MeasurementsFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw CliException.Usage($"--measurements {path}: {e.Message}", e);
        }
    }

    // ArgumentException appends " (Parameter 'X')" to the message; the option name already says which.
    private static string FirstSentences(ArgumentException e)
    {
        var message = e.Message;
        var parameter = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter > 0 ? message[..parameter] : message;
    }
}
