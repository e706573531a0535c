using System.Diagnostics;
using System.Net;

namespace NsmDashboard.Cli.Tests.Dashboards;

/// <summary><c>nsm connect</c> as the process an operator runs: it serves until SIGTERM or SIGINT, then stops cleanly (exit 0).</summary>
[Collection(RealDashboards.Name)]
public sealed class ConnectProcessTests(DashboardFixture dashboards)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_stops_the_tunnel_cleanly_with_exit_0(string signal)
    {
        var token = TestContext.Current.CancellationToken;
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "nsm"))
        {
            ArgumentList =
            {
                "connect", dashboards.Release.Https.GetLeftPart(UriPartial.Authority), "--emulator-root", dashboards.CaDirectory,
                "--measurements", dashboards.ReleaseMeasurements, "--listen", "127.0.0.1:0",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = process.StandardError.ReadToEndAsync(token);
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
            wait.CancelAfter(Patience);
            var first = await process.StandardOutput.ReadLineAsync(wait.Token);
            Assert.NotNull(first);
            Assert.StartsWith("Open http://127.0.0.1:", first, StringComparison.Ordinal);
            var url = first.Split(' ')[1];
            using var browser = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(new Uri(url), "/healthz"), wait.Token)).StatusCode);

            using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(wait.Token);
            }

            await process.WaitForExitAsync(wait.Token);
            var log = await errors;
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{log}");
            Assert.Contains("stopping: no new connections", log, StringComparison.Ordinal);
            Assert.Contains("stopped (0 re-attestation(s) while running)", log, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
