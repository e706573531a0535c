using System.CommandLine;
using System.CommandLine.Parsing;
using NsmDashboard.Nsm;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>
/// The options that choose the module every NSM command talks to (docs/nsm-ioctl.md#device-selection). The same
/// instances sit on the root and on every command that talks to a module, so <c>nsm --emulator describe</c> and
/// <c>nsm describe --emulator</c> both work, while <c>decode</c> and <c>verify</c> do not offer them.
/// </summary>
internal sealed class GlobalOptions
{
    public Option<string> Device { get; } = new("--device")
    {
        Description = "The NSM device node",
        HelpName = "PATH",
        DefaultValueFactory = _ => NsmTransportFactory.DefaultDevicePath,
    };

    public Option<bool> Emulator { get; } = new("--emulator")
    {
        Description = "Use the built-in NSM emulator instead of a device (its documents chain to its own root, never AWS's)",
    };

    public Option<string?> Measurements { get; } = new("--measurements")
    {
        Description = "Emulator: PCR0/1/2/8 from the JSON 'nitro-cli build-enclave' or 'describe-eif' prints",
        HelpName = "FILE",
    };

    public Option<bool> DebugMode { get; } = new("--debug-mode")
    {
        Description = "Emulator: boot in debug mode (PCR0/1/2/8 read as zeros)",
    };

    public Option<string?> ModuleId { get; } = new("--module-id")
    {
        Description = "Emulator: the module id (i-<17 hex>-enc<16 hex>); default: random per process",
        HelpName = "ID",
    };

    public Option<string?> CaDirectory { get; } = new("--ca-dir")
    {
        Description = "Emulator: directory holding its CA root (created on first use), so verifiers can pin it",
        HelpName = "DIR",
    };

    public Option<string?> IamRole { get; } = new("--iam-role")
    {
        Description = "Emulator: the parent's IAM role ARN, measured into PCR3",
        HelpName = "ARN",
    };

    public Option<string?> InstanceId { get; } = new("--instance-id")
    {
        Description = "Emulator: the parent instance id, measured into PCR4 (default: from the module id)",
        HelpName = "ID",
    };

    /// <summary>The options that configure the emulator and mean nothing without <c>--emulator</c>.</summary>
    public IEnumerable<Option> EmulatorSettings => [Measurements, DebugMode, ModuleId, CaDirectory, IamRole, InstanceId];

    /// <summary>Every option, for adding to the root command.</summary>
    public IEnumerable<Option> All => [Device, Emulator, .. EmulatorSettings];

    /// <summary>Offers the options on a command that talks to a module.</summary>
    public T AddTo<T>(T command)
        where T : Command
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>Whether an option was typed on the command line (not just defaulted).</summary>
    public static bool IsGiven(ParseResult parseResult, Option option) =>
        parseResult.GetResult(option) is OptionResult { Implicit: false };
}
