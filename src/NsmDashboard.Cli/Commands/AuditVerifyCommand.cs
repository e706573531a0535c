using System.CommandLine;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm audit verify FILE POLICY</c>: proves a pulled trail on its own (docs/audit-trail.md, "Verifying"). Every record
/// must hash and link, every checkpoint verify, come from the enclave POLICY expects (<see cref="Parsing.EnclavePolicyArguments"/>,
/// as for pull) and match; the first break is named with its sequence number. Exit 0 intact,
/// 1 broken (with <c>--strict</c>: also when anything is unproven, lost or begins without its genesis), 2 usage (no policy among them).
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new TrailInputs();
        var strict = new Option<bool>("--strict")
        {
            Description = "Fail unless every record is proven by a checkpoint, every chain begins at its genesis and no record was lost",
        };
        var json = CommonOptions.Json();
        var command = new Command("verify", "Verify a trail file: the hash chain, the attested checkpoints (from the expected enclave), gaps, and a cut tail");
        inputs.AddTo(command);
        command.Options.Add(strict);
        command.Options.Add(json);
        command.SetHandler(parseResult =>
        {
            context.RejectModuleOptions(parseResult, "A trail is verified against a pinned root: use --emulator-root DIR or --root PEM for an emulated dashboard.");
            var verifier = inputs.Verifier(parseResult, "audit verify", context.Error);
            var file = parseResult.GetValue(inputs.File)!;
            var report = inputs.Verify(parseResult, verifier);
            var isStrict = parseResult.GetValue(strict);
            if (parseResult.GetValue(json))
            {
                TrailJson.Write(context.Out, file, report, isStrict);
            }
            else
            {
                TrailText.Write(context.Out, file, report, isStrict);
            }

            return report.IsIntact && (!isStrict || report.IsComplete) ? ExitCode.Success : ExitCode.Failure;
        });
        return command;
    }
}
