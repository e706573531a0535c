using System.CommandLine;
using System.Globalization;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Parsing;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm raw [HEX ...]</c>: the debugging tool for comparing modules. Each hex CBOR request (from the
/// arguments, or one per line of standard input) goes unchanged to ONE device or emulator instance, and each
/// raw response is printed as one line of lowercase hex — nothing else is ever written to standard output.
/// </summary>
internal static class RawCommand
{
    public static Command Create(CliContext context)
    {
        var requests = new Argument<string[]>("HEX")
        {
            Description = "CBOR requests as hex; none: read standard input, one per line ('#' starts a comment, blank lines are skipped)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("raw", "Send raw CBOR requests and print the raw responses as hex, one line each") { requests };
        command.SetHandler(parseResult =>
        {
            var given = parseResult.GetValue(requests) ?? [];
            var parsed = given.Length > 0 ? FromArguments(given) : FromLines(context.Console.In);

            // Every request is parsed before the first is sent: a typo must not leave a half-run script behind.
            using var session = context.OpenSession(parseResult);
            var response = new byte[NsmLimits.ResponseMaxSize];
            foreach (var request in parsed)
            {
                int length;
                try
                {
                    length = session.Transport.Exchange(request.Bytes, response);
                }
                catch (NsmDeviceException)
                {
                    // Say which request it was; CliApp then reports the errno and exits 3.
                    context.Error.WriteLine($"nsm: {request.Source}: the request was refused; the responses above answer the requests before it");
                    throw;
                }

                context.Out.WriteLine(Convert.ToHexStringLower(response.AsSpan(0, length)));
            }

            return ExitCode.Success;
        });
        return context.Options.AddTo(command);
    }

    private static List<RawRequest> FromArguments(string[] arguments)
    {
        var requests = new List<RawRequest>(arguments.Length);
        for (var i = 0; i < arguments.Length; i++)
        {
            var source = string.Create(CultureInfo.InvariantCulture, $"argument {i + 1}");
            requests.Add(new RawRequest(source, HexArgument.Parse(arguments[i], source)));
        }

        return requests;
    }

    private static List<RawRequest> FromLines(TextReader input)
    {
        var requests = new List<RawRequest>();
        var number = 0;
        while (input.ReadLine() is { } line)
        {
            number++;

            // A '#' starts a comment, on its own line or after a request.
            var comment = line.IndexOf('#', StringComparison.Ordinal);
            var text = (comment >= 0 ? line[..comment] : line).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var source = string.Create(CultureInfo.InvariantCulture, $"standard input line {number}");
            requests.Add(new RawRequest(source, HexArgument.Parse(text, source)));
        }

        return requests;
    }

    private sealed record RawRequest(string Source, byte[] Bytes);
}
