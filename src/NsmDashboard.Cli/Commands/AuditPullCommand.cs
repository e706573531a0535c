using System.CommandLine;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Infrastructure.Pull;
using NsmDashboard.Cli.Parsing;
using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm audit pull https://HOST:PORT --token-file F --out FILE POLICY</c>: appends a dashboard's audit trail (or event
/// log) to a file that proves itself (docs/audit-trail.md, "Pulling"). POLICY is verify-tls's and connect's
/// (<see cref="EnclavePolicyArguments"/>): the TLS binding and every checkpoint must come from the expected enclave.
/// Exit 0 when everything appended verified, 1 at the first break or refusal (nothing from it on is appended), 2 usage
/// (no policy among them) or no connection.
/// </summary>
internal static class AuditPullCommand
{
    private const int DefaultTimeoutSeconds = 30;

    public static Command Create(CliContext context)
    {
        var url = new Argument<string>("URL") { Description = "The dashboard's address, e.g. https://127.0.0.1:8443 (through nsm-proxy)" };
        var tokenFile = new Option<string>("--token-file")
        {
            Description = "A file holding a Viewer (or Operator) API token; it is sent only once the TLS binding is verified",
            HelpName = "FILE",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "The trail file to append to (created when missing; verified before anything is appended)",
            HelpName = "FILE",
            Required = true,
        };
        var stream = new Option<string>("--stream")
        {
            Description = "Which record stream: audit (default) or eventlog",
            HelpName = "audit|eventlog",
            DefaultValueFactory = _ => "audit",
        };
        stream.AcceptOnlyFromAmong("audit", "eventlog");
        var follow = new Option<bool>("--follow") { Description = "Keep pulling every --interval until Ctrl+C or SIGTERM; a dashboard that restarts or is unreachable is retried" };
        var interval = DurationArgument.CreateOption("--interval", "How long to wait between two rounds with --follow (default 10s)");
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for a connection, an answer, or the next line of an export",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
        };
        var allowHttp = new Option<bool>("--allow-http")
        {
            Description = "Accept a plain http:// address: the token travels in the clear and no TLS binding is checked; only the checkpoints prove the records",
        };
        var inputs = new TrailInputs();
        var command = new Command("pull", "Append a dashboard's trail to a file, verifying every line and an attested checkpoint with a fresh nonce")
        {
            url, tokenFile, output, stream, follow, interval, timeout, allowHttp,
        };
        inputs.AddTo(command, withFile: false);
        command.SetHandler(parseResult =>
        {
            context.RejectModuleOptions(parseResult, "Pull verifies checkpoints against a pinned root: use --emulator-root DIR or --root PEM for an emulated dashboard.");
            var server = ParseServer(parseResult.GetValue(url)!, parseResult.GetValue(allowHttp));
            var enclavePolicy = inputs.ParsePolicy(parseResult, "audit pull", context.Error);
            var seconds = parseResult.GetValue(timeout);
            if (seconds is < 1 or > 3600)
            {
                throw CliException.Usage("--timeout must be from 1 to 3600 seconds");
            }

            var every = parseResult.GetValue(interval) ?? TimeSpan.FromSeconds(10);
            if (parseResult.GetResult(interval) is { Implicit: false } && !parseResult.GetValue(follow))
            {
                throw CliException.Usage("--interval needs --follow");
            }

            if (every < TimeSpan.FromSeconds(1) || every > TimeSpan.FromDays(1))
            {
                throw CliException.Usage("--interval must be from 1 s to 1 day");
            }

            if (!EvidenceLogs.TryParse(parseResult.GetValue(stream), out var log))
            {
                throw CliException.Usage("--stream must be audit or eventlog");
            }

            var options = new PullOptions(
                server,
                ReadToken(parseResult.GetValue(tokenFile)!),
                parseResult.GetValue(output)!,
                log,
                parseResult.GetValue(follow),
                every,
                inputs.LoadRoot(parseResult),
                enclavePolicy,
                TimeSpan.FromSeconds(seconds));
            var stop = options.Follow ? context.Console.ListenForStop() : CancellationToken.None;
            new TrailPuller(options, context.Out, context.Error).RunAsync(stop).GetAwaiter().GetResult();
            return ExitCode.Success;
        });
        return command;
    }

    /// <exception cref="CliException">Not an absolute http(s) URL with a host, or http without --allow-http (exit 2).</exception>
    private static Uri ParseServer(string text, bool allowHttp)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw CliException.Usage($"'{text}' is not a dashboard address: give e.g. https://127.0.0.1:8443");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !allowHttp)
        {
            throw CliException.Usage($"'{text}' is plain HTTP: the token would travel in the clear through the parent and nothing would bind the server to the enclave. Use https://, or --allow-http to accept that");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw CliException.Usage($"'{text}' has a query or fragment: give the dashboard's base address only");
        }

        return uri;
    }

    /// <exception cref="CliException">The file cannot be read, or holds no token (exit 2).</exception>
    private static string ReadToken(string path)
    {
        var text = System.Text.Encoding.UTF8.GetString(InputFiles.ReadAllBytes(path, "--token-file")).Trim();
        if (text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c > '\u007e'))
        {
            throw CliException.Usage($"--token-file {path}: the file must hold one API token (printable ASCII, no spaces), as `nsm new-token` prints it");
        }

        return text;
    }
}
