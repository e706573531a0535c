using System.CommandLine;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>
/// What every command of one <c>nsm</c> invocation shares: the console and the global options. Made per
/// invocation by <see cref="CliApp"/>, so in-process runs never share state.
/// </summary>
internal sealed class CliContext
{
    public CliContext(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        Console = console;
    }

    public CliConsole Console { get; }

    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public GlobalOptions Options { get; } = new();

    /// <summary>Opens the device or the emulator the global options name, for one command.</summary>
    /// <exception cref="CliException">Conflicting or malformed options (exit 2), or no usable device (exit 3).</exception>
    public NsmSession OpenSession(ParseResult parseResult) => NsmSession.Open(Options, parseResult);

    /// <summary>
    /// For commands that never talk to a module (<c>decode</c>, <c>verify</c>): a module option there is a
    /// mistake worth stopping for (<c>verify --emulator</c> probably meant <c>--emulator-root</c>).
    /// </summary>
    /// <exception cref="CliException">A module option was given (exit 2).</exception>
    public void RejectModuleOptions(ParseResult parseResult, string hint)
    {
        foreach (var option in Options.All)
        {
            if (GlobalOptions.IsGiven(parseResult, option))
            {
                throw CliException.Usage($"{option.Name} selects an NSM module; '{parseResult.CommandResult.Command.Name}' does not use one. {hint}");
            }
        }
    }
}
