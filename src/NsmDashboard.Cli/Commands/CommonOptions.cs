using System.CommandLine;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Nsm.Device;

namespace NsmDashboard.Cli.Commands;

/// <summary>Options and text shared by several commands.</summary>
internal static class CommonOptions
{
    /// <summary><c>--json</c>: machine-readable output, on every read command.</summary>
    public static Option<bool> Json() => new("--json")
    {
        Description = "Write JSON instead of text",
    };

    /// <summary>Sets a command's action, returning its exit code as an int.</summary>
    public static void SetHandler(this Command command, Func<ParseResult, ExitCode> handler) =>
        command.SetAction(parseResult => (int)handler(parseResult));

    /// <summary>How the session's module is named in output: <c>device /dev/nsm</c> or <c>emulator (…)</c>.</summary>
    public static string TransportText(NsmSession session) => session.Transport.Kind == NsmTransportKind.Device
        ? $"device {session.Transport.Description}"
        : $"emulator ({session.Transport.Description})";

    /// <summary>The module kind as a JSON value: <c>device</c> or <c>emulator</c>.</summary>
    public static string TransportKind(NsmSession session) =>
        session.Transport.Kind == NsmTransportKind.Device ? "device" : "emulator";
}
