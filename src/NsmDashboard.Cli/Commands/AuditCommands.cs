using System.CommandLine;
using NsmDashboard.Cli.Infrastructure;

namespace NsmDashboard.Cli.Commands;

/// <summary><c>nsm audit</c>: pull a dashboard's audit trail or event log into a file that proves itself, and verify such a file.</summary>
internal static class AuditCommands
{
    public static Command Create(CliContext context) => new("audit", "Pull a dashboard's hash-chained audit trail (or event log) and verify it (docs/audit-trail.md)")
    {
        AuditPullCommand.Create(context),
        AuditVerifyCommand.Create(context),
    };
}
