using System.CommandLine;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Commands;

/// <summary><c>nsm random</c>: GetRandom, the module's block of random bytes (256 on Nitro and QEMU).</summary>
internal static class RandomCommand
{
    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("random", "GetRandom: print the NSM's random bytes as hex") { json };
        command.SetHandler(parseResult =>
        {
            using var session = context.OpenSession(parseResult);
            var random = session.Call<GetRandomResponse>(GetRandomRequest.Instance).Random;
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(context.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("length", random.Length);
                    writer.WriteHex("random", random.Span);
                    writer.WriteEndObject();
                });
            }
            else
            {
                context.Out.WriteLine(Convert.ToHexStringLower(random.Span));
            }

            return ExitCode.Success;
        });
        return context.Options.AddTo(command);
    }
}
