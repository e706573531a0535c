using System.CommandLine;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Replay;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm eventlog replay FILE POLICY</c>: verifies a pulled event log like <c>audit verify</c> (the same enclave policy), then recomputes every PCR from
/// it and compares with the PCRs the newest checkpoint attests (docs/audit-trail.md, "Replay") — the dashboard's replay
/// verdict, re-checked outside the enclave. Exit 0 when the trail is intact and no PCR changed outside the dashboard,
/// 1 otherwise, 2 usage (no policy among them).
/// </summary>
internal static class EventLogCommands
{
    public static Command Create(CliContext context) => new("eventlog", "Work with a PCR event log pulled from a dashboard (pull it with `nsm audit pull --stream eventlog`)")
    {
        Replay(context),
    };

    private static Command Replay(CliContext context)
    {
        var inputs = new TrailInputs();
        var json = CommonOptions.Json();
        var command = new Command("replay", "Verify an exported event log and replay it: which PCRs it explains, which were changed outside the dashboard");
        inputs.AddTo(command);
        command.Options.Add(json);
        command.SetHandler(parseResult =>
        {
            context.RejectModuleOptions(parseResult, "A log is verified against a pinned root: use --emulator-root DIR or --root PEM for an emulated dashboard.");
            var verifier = inputs.Verifier(parseResult, "eventlog replay", context.Error);
            var file = parseResult.GetValue(inputs.File)!;
            var replay = new EventLogReplay();
            var trail = inputs.Verify(parseResult, verifier, replay);
            if (trail.Stream is EvidenceLog.Audit)
            {
                throw CliException.Usage($"{file} holds the audit stream; replay an event log (pulled with --stream eventlog), or verify it with `nsm audit verify`");
            }

            var result = trail.IsIntact ? replay.Evaluate(trail) : null;
            if (parseResult.GetValue(json))
            {
                ReplayOutput.WriteJson(context.Out, file, trail, result);
            }
            else
            {
                ReplayOutput.WriteText(context.Out, file, trail, result);
            }

            return result is not null && result.Pcrs.All(p => p.Verdict != ReplayVerdict.ChangedOutside) ? ExitCode.Success : ExitCode.Failure;
        });
        return command;
    }
}
