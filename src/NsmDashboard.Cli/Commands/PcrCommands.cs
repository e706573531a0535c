using System.CommandLine;
using System.Globalization;
using System.Text;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;
using NsmDashboard.Cli.Parsing;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm pcr read|extend|lock|lock-range</c>: DescribePCR, ExtendPCR, LockPCR and LockPCRs
/// (docs/nsm-messages.md#requests, docs/pcrs.md). Indices are sent as typed; the NSM decides what is valid.
/// </summary>
internal static class PcrCommands
{
    public static Command Create(CliContext context) =>
        new("pcr", "Read, extend and lock PCRs")
        {
            Read(context),
            Extend(context),
            Lock(context),
            LockRange(context),
        };

    private static Command Read(CliContext context)
    {
        var index = PcrArguments.IndexOrAll("A PCR index (0-31), or 'all' for every PCR the module has");
        var json = CommonOptions.Json();
        var command = new Command("read", "DescribePCR: a PCR's value and lock state") { index, json };
        command.SetHandler(parseResult =>
        {
            using var session = context.OpenSession(parseResult);
            var selected = parseResult.GetValue(index);
            var pcrs = selected.IsAll
                ? ReadAll(session)
                : [ReadOne(session, selected.Index)];
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(context.Out, writer =>
                {
                    if (selected.IsAll)
                    {
                        writer.WriteStartArray();
                    }

                    foreach (var (i, pcr) in pcrs)
                    {
                        writer.WriteStartObject();
                        writer.WriteNumber("index", i);
                        writer.WriteBoolean("locked", pcr.Lock);
                        writer.WriteHex("value", pcr.Data.Span);
                        writer.WriteEndObject();
                    }

                    if (selected.IsAll)
                    {
                        writer.WriteEndArray();
                    }
                });
            }
            else
            {
                foreach (var (i, pcr) in pcrs)
                {
                    context.Out.WriteLine(TextFormat.PcrLine(i, pcr.Lock, pcr.Data.Span));
                }
            }

            return ExitCode.Success;
        });
        return context.Options.AddTo(command);
    }

    private static (int Index, DescribePcrResponse Pcr) ReadOne(NsmSession session, ushort index) =>
        (index, session.Call<DescribePcrResponse>(new DescribePcrRequest(index)));

    // Asks the module how many PCRs it has (32 on Nitro) instead of assuming it.
    private static List<(int Index, DescribePcrResponse Pcr)> ReadAll(NsmSession session)
    {
        var count = session.Call<DescribeNsmResponse>(DescribeNsmRequest.Instance).MaxPcrs;
        var pcrs = new List<(int, DescribePcrResponse)>(count);
        for (var i = 0; i < count; i++)
        {
            pcrs.Add(ReadOne(session, (ushort)i));
        }

        return pcrs;
    }

    private static Command Extend(CliContext context)
    {
        var index = PcrArguments.Index("The PCR to extend (16-31 are extendable on Nitro)");
        var hex = HexArgument.CreateOption("--hex", "Extend with these bytes, given as hex");
        var text = new Option<string?>("--text") { Description = "Extend with the UTF-8 bytes of this text", HelpName = "TEXT" };
        var file = new Option<string?>("--file") { Description = "Extend with the bytes of this file", HelpName = "FILE" };
        var command = new Command("extend", "ExtendPCR: PCR = SHA-384(PCR || data); prints the new value as hex") { index, hex, text, file };
        command.Validators.Add(result =>
        {
            var given = new Option[] { hex, text, file }.Count(o => result.GetResult(o) is { Implicit: false });
            if (given != 1)
            {
                result.AddError(given == 0
                    ? "pcr extend needs the data: give one of --hex HEX, --text TEXT or --file FILE"
                    : "--hex, --text and --file conflict: give exactly one");
            }
        });
        command.SetHandler(parseResult =>
        {
            var data = parseResult.GetValue(hex)?.Value
                ?? (parseResult.GetValue(text) is { } t ? Encoding.UTF8.GetBytes(t) : null)
                ?? InputFiles.ReadAllBytes(parseResult.GetValue(file)!, "--file");
            using var session = context.OpenSession(parseResult);
            var response = session.Call<ExtendPcrResponse>(new ExtendPcrRequest(parseResult.GetValue(index), data));
            context.Out.WriteLine(Convert.ToHexStringLower(response.Data.Span));
            return ExitCode.Success;
        });
        return context.Options.AddTo(command);
    }

    private static Command Lock(CliContext context)
    {
        var index = PcrArguments.Index("The PCR to lock (read-only for the life of the enclave)");
        var command = new Command("lock", "LockPCR: make one PCR read-only") { index };
        command.SetHandler(parseResult =>
        {
            var value = parseResult.GetValue(index);
            using var session = context.OpenSession(parseResult);
            session.Call<LockPcrResponse>(new LockPcrRequest(value));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PCR{value} locked"));
            return ExitCode.Success;
        });
        return context.Options.AddTo(command);
    }

    private static Command LockRange(CliContext context)
    {
        var range = PcrArguments.Range("N locks PCRs 0 to N-1 (LockPCRs { range: N }); 0-M means M+1");
        var command = new Command("lock-range", "LockPCRs: lock PCRs [0, range)") { range };
        command.SetHandler(parseResult =>
        {
            var value = parseResult.GetValue(range);
            using var session = context.OpenSession(parseResult);
            session.Call<LockPcrsResponse>(new LockPcrsRequest(value));
            context.Out.WriteLine(value == 0
                ? "range 0: no PCR locked"
                : string.Create(CultureInfo.InvariantCulture, $"PCRs {TextFormat.Ranges(Enumerable.Range(0, value))} locked"));
            return ExitCode.Success;
        });
        return context.Options.AddTo(command);
    }
}
