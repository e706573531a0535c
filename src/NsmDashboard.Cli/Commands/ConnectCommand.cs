using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Parsing;
using NsmDashboard.Cli.Tls;
using NsmDashboard.Cli.Tunnel;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm connect https://HOST:PORT POLICY [--listen 127.0.0.1:8080]</c>: an attested tunnel for the browser. It
/// attests the dashboard's TLS connection as <c>verify-tls</c> does (exit 1 and the report when that fails), pins the
/// verified certificate, and serves the dashboard on a loopback address; every connection it opens to the dashboard
/// must be served the pinned certificate, or one that passes attestation again before anything is sent on it.
/// Runs until SIGINT or SIGTERM (exit 0).
/// </summary>
internal static class ConnectCommand
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context)
    {
        var url = DashboardArguments.Url();
        var roots = new DashboardArguments.RootOptions();
        var policy = new EnclavePolicyArguments();
        var listen = new Option<string>("--listen")
        {
            Description = "Serve the dashboard to the browser here (loopback only, unless --allow-non-loopback)",
            HelpName = "IP:PORT",
            DefaultValueFactory = _ => ListenArgument.Default,
        };
        var allowNonLoopback = new Option<bool>("--allow-non-loopback")
        {
            Description = "Listen on a non-loopback address: anyone who reaches it uses the dashboard through your tunnel, in plain HTTP",
        };
        var timeout = DashboardArguments.Timeout();
        var command = new Command(
            "connect",
            "Serve an attested dashboard to the local browser: attest it, pin its certificate, and forward only over connections served that certificate (or one that passes attestation again)")
        {
            url, listen, allowNonLoopback, timeout,
        };
        roots.AddTo(command);
        policy.AddTo(command);
        command.SetHandler(parseResult =>
        {
            context.RejectModuleOptions(parseResult, "To reach a dashboard on the emulator, pin its root with --emulator-root DIR or --root PEM.");
            var server = DashboardArguments.ParseServer(parseResult.GetValue(url)!, "connect");
            var enclavePolicy = policy.Parse(parseResult, "connect");
            var endPoint = ParseListen(parseResult.GetValue(listen)!, parseResult.GetValue(allowNonLoopback));
            var trustRoot = roots.Load(parseResult);
            var attestor = new DashboardAttestor(trustRoot, enclavePolicy, DashboardArguments.TimeoutOf(parseResult, timeout));
            return RunAsync(context, server, endPoint, attestor).GetAwaiter().GetResult();
        });
        return command;
    }

    /// <exception cref="CliException">Not an address, or not loopback without --allow-non-loopback (exit 2).</exception>
    public static IPEndPoint ParseListen(string text, bool allowNonLoopback)
    {
        var endPoint = ListenArgument.Parse(text);
        if (!IPAddress.IsLoopback(endPoint.Address) && !allowNonLoopback)
        {
            throw CliException.Usage(
                $"--listen {text} is not a loopback address. The tunnel serves the dashboard in plain HTTP with whatever session is signed in through it: "
                + "anyone who can reach that address could use it, and read it on the way. Listen on 127.0.0.1 (the default), "
                + "or add --allow-non-loopback if that is really what you want.");
        }

        return endPoint;
    }

    private static async Task<ExitCode> RunAsync(CliContext context, Uri server, IPEndPoint listen, DashboardAttestor attestor)
    {
        var log = new TunnelLog(context.Error);
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stop));

        var tunnel = await AttestedTunnel.StartAsync(server, listen, attestor, log, context.Out, stop.Token).ConfigureAwait(false);
        await using (tunnel.ConfigureAwait(false))
        {
            context.Out.WriteLine($"Open {tunnel.Url} in your browser: the dashboard at {server.GetLeftPart(UriPartial.Authority)}, attested; certificate {tunnel.Pinned.Sha256Colon}.");
            context.Out.WriteLine("Ctrl+C stops the tunnel.");
            context.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGINT or SIGTERM.
            }

            await tunnel.StopAsync(StopGrace).ConfigureAwait(false);
        }

        return ExitCode.Success;
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stop)
    {
        // Stop cleanly instead of being killed: the tunnel closes its listener and drains.
        signal.Cancel = true;
        stop.Cancel();
    }
}
