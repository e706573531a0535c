using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace NsmDashboard.Proxy.Tests;

/// <summary>The real nsm-proxy process and a real SIGTERM: Program.cs's signal handling, end to end.</summary>
public sealed partial class ProxyProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sigterm_stops_accepting_drains_and_exits_0()
    {
        using var upstream = Sockets.ListenTcp();
        var echo = Sockets.EchoAsync(upstream);
        using var proxy = StartProcess("--listen", "127.0.0.1:0", "--to", $"tcp://{upstream.LocalEndPoint}", "--drain-timeout", "2s");
        var log = new LogCapture();
        var reading = CopyAsync(proxy.StandardError, log);
        await log.WaitForAsync("Listening on tcp://127.0.0.1:");
        var listening = IPEndPoint.Parse(ListeningOn().Match(log.ToString()).Groups[1].Value);

        using var open = await Sockets.ConnectAsync(listening);
        await Sockets.EchoRoundTripAsync(open, 1000, seed: 1, halfClose: false);
        Signal(proxy.Id, "TERM");
        await log.WaitForAsync("Stopped accepting");

        // Still relaying while it drains.
        await Sockets.EchoRoundTripAsync(open, 1000, seed: 2, halfClose: false);
        await proxy.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await reading;

        Assert.Equal(0, proxy.ExitCode);
        Assert.Contains("Closing 1 connections still open after 00:00:02", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("Stopped: 1 connections accepted", log.ToString(), StringComparison.Ordinal);
        upstream.Dispose();
        await echo;
    }

    [Fact]
    public async Task Sigint_with_nothing_open_exits_0_at_once()
    {
        using var proxy = StartProcess("--listen", "127.0.0.1:0", "--to", "tcp://127.0.0.1:9");
        var log = new LogCapture();
        var reading = CopyAsync(proxy.StandardError, log);
        await log.WaitForAsync("Listening on");

        var watch = Stopwatch.StartNew();
        Signal(proxy.Id, "INT");
        await proxy.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await reading;

        Assert.Equal(0, proxy.ExitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed} to stop");
        Assert.Contains("Stopped: 0 connections accepted", log.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Listening on tcp://(\S+),")]
    private static partial Regex ListeningOn();

    // The apphost the SDK copies beside the tests; `dotnet nsm-proxy.dll` where there is none.
    private static Process StartProcess(params string[] args)
    {
        string apphost = Path.Combine(AppContext.BaseDirectory, "nsm-proxy");
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "nsm-proxy.dll") } };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        return Process.Start(start)!;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task CopyAsync(StreamReader from, TextWriter to)
    {
        string? line;
        while ((line = await from.ReadLineAsync(Ct)) is not null)
        {
            await to.WriteLineAsync(line);
        }
    }
}
