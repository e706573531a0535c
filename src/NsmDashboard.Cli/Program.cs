using NsmDashboard.Cli;

return CliApp.Run(args, CliConsole.FromProcess());
