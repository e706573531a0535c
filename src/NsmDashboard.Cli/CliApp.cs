using System.CommandLine;
using System.CommandLine.Invocation;
using NsmDashboard.Cli.Commands;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Nsm;

namespace NsmDashboard.Cli;

/// <summary>
/// The <c>nsm</c> tool: builds the command tree, parses, runs, and turns every failure into its exit code
/// (<see cref="ExitCode"/>) and one message on standard error — the only place that does so.
/// </summary>
internal static class CliApp
{
    /// <summary>Runs <c>nsm</c> in process over text streams (what the tests use).</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        Run(args, new CliConsole(stdin, stdout, stderr));

    /// <summary>Runs <c>nsm</c> with the given console; returns the exit code.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var context = new CliContext(console);
        var root = CreateRootCommand(context);

        // '@file' response files are off: `nsm raw` arguments must reach the module exactly as typed.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                console.Error.WriteLine($"nsm: {error.Message}");
            }

            console.Error.WriteLine($"Run '{CommandPath(parseResult)} --help' for usage.");
            return (int)ExitCode.Usage;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (CliException e)
        {
            console.Error.WriteLine($"nsm: {e.Message}");
            return (int)e.ExitCode;
        }
        catch (NsmDeviceException e)
        {
            ReportDeviceFailure(console.Error, e);
            return (int)ExitCode.DeviceUnavailable;
        }
        catch (NsmException e)
        {
            // An answer that is not NSM CBOR, or a driver fault: the module failed, not the request.
            console.Error.WriteLine($"nsm: the module failed: {e.Message}");
            return (int)ExitCode.DeviceUnavailable;
        }
        finally
        {
            console.Out.Flush();
            console.Error.Flush();
        }
    }

    /// <summary>The command tree; every command shares <paramref name="context"/>.</summary>
    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "nsm — talk to the AWS Nitro Secure Module (/dev/nsm) or its emulator, and decode and verify attestation documents.\n"
            + "Exit codes: 0 success, 1 the NSM answered an error (verify, verify-tls, connect: the document is invalid, not the expected enclave, or not bound), 2 usage, 3 device unavailable or failed.")
        {
            DescribeCommand.Create(context),
            PcrCommands.Create(context),
            AttestCommand.Create(context),
            RandomCommand.Create(context),
            RawCommand.Create(context),
            DecodeCommand.Create(context),
            VerifyCommand.Create(context),
            VerifyTlsCommand.Create(context),
            ConnectCommand.Create(context),
            KmsPolicyCommands.Create(context),
            CredentialCommands.HashPassword(context),
            CredentialCommands.NewToken(context),
        };
        foreach (var option in context.Options.All)
        {
            root.Options.Add(option);
        }

        return root;
    }

    private static void ReportDeviceFailure(TextWriter error, NsmDeviceException e)
    {
        error.WriteLine($"nsm: {e.Message}");
        if (e.Errno == 0)
        {
            // Refused by the transport itself, before any system call: there is no errno to show.
            return;
        }

        error.WriteLine($"nsm: {e.Operation} failed with {e.ErrnoName} (errno {e.Errno})");
        if (e.Operation == "open" && e.ErrnoName is "ENOENT" or "ENXIO" or "ENODEV")
        {
            error.WriteLine(
                "nsm: there is no NSM device here. Run nsm inside a Nitro Enclave (where the nsm driver creates /dev/nsm), "
                + "point --device at the device node, or add --emulator to use the built-in emulator.");
        }
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Parent is null ? "nsm" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
