using System.CommandLine;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Commands;

/// <summary><c>nsm describe</c>: DescribeNSM (docs/nsm-messages.md#responses).</summary>
internal static class DescribeCommand
{
    private const int KeyWidth = 11;

    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("describe", "DescribeNSM: module id, version, PCR count, locked PCRs and digest") { json };
        command.SetHandler(parseResult =>
        {
            using var session = context.OpenSession(parseResult);
            var description = session.Call<DescribeNsmResponse>(DescribeNsmRequest.Instance);
            if (parseResult.GetValue(json))
            {
                WriteJson(context.Out, description, session);
            }
            else
            {
                WriteText(context.Out, description, session);
            }

            return ExitCode.Success;
        });
        return context.Options.AddTo(command);
    }

    private static void WriteText(TextWriter output, DescribeNsmResponse d, NsmSession session)
    {
        TextFormat.Field(output, "module_id", d.ModuleId, KeyWidth);
        TextFormat.Field(output, "version", d.Version, KeyWidth);
        TextFormat.Field(output, "max_pcrs", d.MaxPcrs.ToString(System.Globalization.CultureInfo.InvariantCulture), KeyWidth);
        TextFormat.Field(output, "locked_pcrs", TextFormat.Ranges(d.LockedPcrs.Select(i => (int)i)), KeyWidth);
        TextFormat.Field(output, "digest", d.Digest.ToWireName(), KeyWidth);
        TextFormat.Field(output, "transport", CommonOptions.TransportText(session), KeyWidth);
    }

    private static void WriteJson(TextWriter output, DescribeNsmResponse d, NsmSession session) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("module_id", d.ModuleId);
            json.WriteString("version", d.Version);
            json.WriteNumber("version_major", d.VersionMajor);
            json.WriteNumber("version_minor", d.VersionMinor);
            json.WriteNumber("version_patch", d.VersionPatch);
            json.WriteNumber("max_pcrs", d.MaxPcrs);
            json.WriteNumbers("locked_pcrs", d.LockedPcrs.Select(i => (int)i));
            json.WriteString("digest", d.Digest.ToWireName());
            json.WriteStartObject("transport");
            json.WriteString("kind", CommonOptions.TransportKind(session));
            json.WriteString("description", session.Transport.Description);
            json.WriteEndObject();
            json.WriteEndObject();
        });
}
