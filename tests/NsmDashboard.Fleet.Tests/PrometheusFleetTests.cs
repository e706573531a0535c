using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Credentials;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Web.Hosting;
using NsmDashboard.Web.Security.Tls;

namespace NsmDashboard.Fleet.Tests;

/// <summary>
/// The fleet files in deploy/prometheus, for real: promtool checks the rules and the scrape configuration; Prometheus,
/// configured from the shipped prometheus.yml (intervals of one second, local paths), scrapes the real dashboard on
/// Kestrel over HTTPS with its certificate pinned by the shipped pin-certificate.sh (which runs `nsm verify-tls`) and
/// a bearer token from a file; an extend through the API shows in the series, an extend through the transport
/// behind the dashboard's back fires the "changed outside" alert, and every Grafana panel's query is valid PromQL.
/// </summary>
/// <remarks>Without Prometheus it skips with the hint to install it; under CI=true it fails instead.</remarks>
public sealed class PrometheusFleetTests
{
    private const string Job = "nsm-dashboard-enclave-a";

    // Prometheus's token (a Viewer, as the README says) and the one the test extends with.
    private static readonly string ViewerToken = CredentialHash.NewToken();
    private static readonly string OperatorToken = CredentialHash.NewToken();

    // The image the emulated enclave runs, as `nitro-cli build-enclave` prints it; verify-tls is told to expect it.
    private const string Measurements = """
        {
          "Measurements": {
            "HashAlgorithm": "Sha384 { ... }",
            "PCR0": "73297d064cfd6c704682e2e4d0d423d19e6caeb46c0a32f4114c4bea59e4e65ff7436eea89bf45628e837dd676c86c5b",
            "PCR1": "ab691e024d34670aad6589cddf0c7149651f77ac034d6ffac835f51bfc79190f26d597766a4a873083b1d07691c49d40",
            "PCR2": "71ef05504ade1f12d9c85212583edbad8c95c5db42fa2a3ad68edb4e9dd0970558e7fe8e677e047663a187b574369af1"
          }
        }
        """;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Deploy => Path.Combine(
        typeof(PrometheusFleetTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "deploy",
        "prometheus");

    private static string RulesFile => Path.Combine(Deploy, "nsm-dashboard.rules.yml");

    [Fact]
    public async Task Promtool_accepts_the_shipped_alerting_rules()
    {
        RequirePrometheus();

        var (exit, output) = await PrometheusServer.PromtoolAsync(["check", "rules", RulesFile], null, Ct);

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS: 9 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_scrapes_the_dashboard_sees_an_extend_and_alerts_on_a_change_outside_it()
    {
        RequirePrometheus();
        var clock = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("nsm-fleet-");
        try
        {
            // Arrange: the dashboard over HTTPS on a free loopback port, on the emulator running a known image, its CA
            // kept for verify-tls.
            var emulatorRoot = Directory.CreateDirectory(Path.Combine(work.FullName, "emulator-ca")).FullName;
            var measurements = Path.Combine(work.FullName, "measurements.json");
            await File.WriteAllTextAsync(measurements, Measurements, Ct);
            await using var app = await StartDashboardAsync(emulatorRoot, measurements);
            var https = app.Addresses.Single(a => a.Scheme == "https");
            var certificate = app.Application.Services.GetRequiredService<DashboardTls>().Identity!.Certificate;

            // The certificate is pinned the way an operator pins it, and Prometheus reads the Viewer token from a file.
            var pinned = Path.Combine(work.FullName, "enclave-a.pem");
            var (pinExit, pinOutput) = await RunAsync(Path.Combine(Deploy, "pin-certificate.sh"), [https.ToString(), pinned, "--emulator-root", emulatorRoot, "--measurements", measurements]);
            Assert.True(pinExit == 0, pinOutput);
            using (var pinnedCertificate = X509CertificateLoader.LoadCertificateFromFile(pinned))
            {
                Assert.Equal(certificate.RawData, pinnedCertificate.RawData);
            }

            var tokenFile = Path.Combine(work.FullName, "enclave-a.token");
            await File.WriteAllTextAsync(tokenFile, ViewerToken + "\n", Ct);

            var configuration = Path.Combine(work.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(configuration, LocalConfiguration(https, pinned, tokenFile), Ct);
            var (checkExit, checkOutput) = await PrometheusServer.PromtoolAsync(["check", "config", configuration], null, Ct);
            Assert.True(checkExit == 0, checkOutput);

            using var api = new HttpClient(new HttpClientHandler
            {
                // The dashboard's own certificate and no other, as Prometheus trusts it.
                ServerCertificateCustomValidationCallback = (_, served, _, _) => served is not null && served.RawData.AsSpan().SequenceEqual(certificate.RawData),
            })
            {
                BaseAddress = https,
                DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken) },
            };

            // One scrape first, so that Prometheus's one-second timeout does not meet the first request's JIT.
            _ = await api.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);
            await using var prometheus = await PrometheusServer.StartAsync(configuration, Path.Combine(work.FullName, "data"), Ct);
            await EventuallyAsync(prometheus, async () => Value(await prometheus.QueryAsync($"up{{job=\"{Job}\"}}", Ct)) == "1", "the first scrape to succeed");

            // Act 1: an extend through the dashboard.
            using (var extended = await api.PostAsJsonAsync("/api/pcrs/16/extend", new { text = "through the dashboard" }, Ct))
            {
                Assert.True(extended.IsSuccessStatusCode, await extended.Content.ReadAsStringAsync(Ct));
            }

            // Assert 1: it shows in the calls counter, and the replay explains it.
            await EventuallyAsync(
                prometheus,
                async () => Value(await prometheus.QueryAsync("nsm_calls_total{operation=\"ExtendPCR\",result=\"ok\"}", Ct)) == "1",
                "nsm_calls_total{operation=\"ExtendPCR\",result=\"ok\"} to be 1");
            Assert.Equal("0", Value(await prometheus.QueryAsync("dashboard_pcr_changed_outside{pcr=\"16\"}", Ct)));
            Assert.Equal("16", Value(await prometheus.QueryAsync($"sum(nsm_pcr_locked{{job=\"{Job}\"}})", Ct)));

            // Act 2: another process extends PCR17 through the device, behind the dashboard's back.
            var device = app.Application.Services.GetRequiredService<INsmTransport>();
            await new NsmClient(device).ExtendPcrAsync(17, "behind the dashboard's back"u8.ToArray(), Ct);

            // Assert 2: the gauge of PCR17 and the alert, for PCR17 only.
            await EventuallyAsync(
                prometheus,
                async () => (await prometheus.AlertsAsync(Ct)).Any(a => IsChangedOutside(a, "17") && a.State == "firing"),
                "NsmPcrChangedOutsideDashboard to fire for PCR17");
            Assert.Equal("1", Value(await prometheus.QueryAsync("dashboard_pcr_changed_outside{pcr=\"17\"}", Ct)));
            Assert.DoesNotContain(await prometheus.AlertsAsync(Ct), a => IsChangedOutside(a, "16"));

            // The Grafana dashboard's queries are valid PromQL and find the dashboard.
            foreach (var query in GrafanaQueries())
            {
                Assert.Null(await prometheus.QueryErrorAsync(query, Ct));
            }

            Assert.NotEmpty(await prometheus.QueryAsync("dashboard_build_info", Ct));

            // promtool reads a scrape; it only warns about the two counters the meter adapter exports as gauges.
            var scrape = await api.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);
            var (lintExit, lint) = await PrometheusServer.PromtoolAsync(["check", "metrics"], scrape, Ct);
            Assert.True(lintExit is 0 or 3, lint);
            Assert.Equal(
                [
                    "dashboard_audit_records_dropped_total non-counter metrics should not have \"_total\" suffix",
                    "nsm_calls_total non-counter metrics should not have \"_total\" suffix",
                ],
                lint.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
            TestContext.Current.SendDiagnosticMessage($"Prometheus fleet test: {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void RequirePrometheus()
    {
        if (PrometheusServer.MissingReason is not { } reason)
        {
            return;
        }

        if (PrometheusServer.IsCi)
        {
            Assert.Fail($"CI=true and the Prometheus fleet tests cannot run: {reason}");
        }

        Assert.Skip(reason);
    }

    private static async Task<NsmDashboardApp> StartDashboardAsync(string emulatorRoot, string measurements)
    {
        var settings = new Dictionary<string, string?>
        {
            ["NsmDashboard:Tls:HttpsPort"] = "0",
            ["Nsm:Mode"] = "emulator",
            ["Nsm:Emulator:CertificateAuthorityDirectory"] = emulatorRoot,
            ["Nsm:Emulator:MeasurementsFile"] = measurements,
            ["Auth:ApiTokens:0:Name"] = "prometheus",
            ["Auth:ApiTokens:0:Role"] = "Viewer",
            ["Auth:ApiTokens:0:TokenHash"] = CredentialHash.HashToken(ViewerToken),
            ["Auth:ApiTokens:1:Name"] = "fleet-test",
            ["Auth:ApiTokens:1:Role"] = "Operator",
            ["Auth:ApiTokens:1:TokenHash"] = CredentialHash.HashToken(OperatorToken),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:NsmDashboard"] = "Error",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        var app = new NsmDashboardApp(
            new WebApplicationOptions { EnvironmentName = "Production" },
            builder => builder.Configuration.AddInMemoryCollection(settings));
        try
        {
            await app.StartAsync(Ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    // The shipped scrape configuration with this machine's paths and address, and one-second intervals.
    private static string LocalConfiguration(Uri dashboard, string pinnedCertificate, string tokenFile)
    {
        var text = File.ReadAllText(Path.Combine(Deploy, "prometheus.yml"));
        foreach (var (shipped, local) in new[]
        {
            ("scrape_interval: 15s", "scrape_interval: 1s"),
            ("scrape_timeout: 10s", "scrape_timeout: 1s"),
            ("evaluation_interval: 15s", "evaluation_interval: 1s"),
            ("/etc/prometheus/nsm-dashboard.rules.yml", RulesFile),
            ("/etc/prometheus/nsm-dashboard/enclave-a.token", tokenFile),
            ("/etc/prometheus/nsm-dashboard/enclave-a.pem", pinnedCertificate),
            ("parent-a.example.internal:8443", dashboard.Authority),
        })
        {
            Assert.True(text.Split(shipped).Length == 2, $"deploy/prometheus/prometheus.yml should contain '{shipped}' once");
            text = text.Replace(shipped, local, StringComparison.Ordinal);
        }

        return text;
    }

    // Every panel target's expression, with Grafana's variables as Grafana would fill them in.
    private static string[] GrafanaQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Deploy, "grafana-nsm-fleet.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!
                .Replace("$instance", ".*", StringComparison.Ordinal)
                .Replace("$__rate_interval", "1m", StringComparison.Ordinal))
            .ToArray();
        Assert.True(queries.Length >= 15, $"only {queries.Length} queries in the Grafana dashboard");
        return queries;
    }

    private static bool IsChangedOutside((IReadOnlyDictionary<string, string> Labels, string State) alert, string pcr) =>
        alert.Labels.GetValueOrDefault("alertname") == "NsmPcrChangedOutsideDashboard" && alert.Labels.GetValueOrDefault("pcr") == pcr;

    private static string? Value(IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, string Value)> result) =>
        result.Count == 1 ? result[0].Value : null;

    private static async Task EventuallyAsync(PrometheusServer prometheus, Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > Patience)
            {
                var targets = await new HttpClient { BaseAddress = prometheus.Address }.GetStringAsync(new Uri("api/v1/targets", UriKind.Relative), Ct);
                Assert.Fail($"Waited {Patience.TotalSeconds} s for {what}.\nTargets: {targets}\nPrometheus log:\n{prometheus.Log}");
            }

            await Task.Delay(200, Ct);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The `nsm` this test project builds lies beside the test assembly.
        start.Environment["PATH"] = AppContext.BaseDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, (await output) + (await error));
    }
}
