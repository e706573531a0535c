using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace NsmDashboard.Fleet.Tests;

/// <summary>
/// Debian's Prometheus (<c>apt-get install -y prometheus</c>, which brings promtool; its service is not used) run as
/// a child process on a free loopback port with a configuration and a data directory of the test's own, and its
/// HTTP API (<c>/api/v1/query</c>, <c>/api/v1/alerts</c>).
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>Overrides the directory holding <c>prometheus</c> and <c>promtool</c>.</summary>
    public const string BinaryDirectoryVariable = "NSM_PROMETHEUS_BIN";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly HttpClient _http;

    private PrometheusServer(Process process, int port)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}/");
        _http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The directory of the binaries: <see cref="BinaryDirectoryVariable"/>, else <c>/usr/bin</c>.</summary>
    public static string BinaryDirectory =>
        Environment.GetEnvironmentVariable(BinaryDirectoryVariable) is { Length: > 0 } directory ? directory : "/usr/bin";

    /// <summary>The Prometheus server.</summary>
    public static string PrometheusPath => Path.Combine(BinaryDirectory, "prometheus");

    /// <summary>Prometheus's command-line tool.</summary>
    public static string PromtoolPath => Path.Combine(BinaryDirectory, "promtool");

    /// <summary>Whether the tests run under CI (<c>CI=true</c>), where missing tools are a failure, not a skip.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the fleet tests cannot run here, or null when everything they need is installed.</summary>
    public static string? MissingReason
    {
        get
        {
            if (!File.Exists(PrometheusPath) || !File.Exists(PromtoolPath))
            {
                return $"Prometheus was not found at {PrometheusPath} (with promtool beside it). Install Debian's package with "
                    + $"'apt-get install -y prometheus' (its service need not run), or point {BinaryDirectoryVariable} at a directory holding both.";
            }

            var missing = new[] { "openssl", "jq" }.Where(tool => FindOnPath(tool) is null).ToArray();
            return missing.Length == 0
                ? null
                : $"deploy/prometheus/pin-certificate.sh needs {string.Join(" and ", missing)}: 'apt-get install -y {string.Join(' ', missing)}'.";
        }
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    /// <summary>What the server logged so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts Prometheus with <paramref name="configurationFile"/> and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string configurationFile, string dataDirectory, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(PrometheusPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList =
            {
                $"--config.file={configurationFile}",
                $"--storage.tsdb.path={dataDirectory}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            },
        };
        var server = new PrometheusServer(Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start"), port);
        try
        {
            await server.WaitReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs promtool with <paramref name="arguments"/>, optionally feeding <paramref name="input"/>; returns its exit code and output.</summary>
    public static async Task<(int Exit, string Output)> PromtoolAsync(IEnumerable<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(PromtoolPath)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await output) + (await error));
    }

    /// <summary>An instant query; returns each series' labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, string Value)>> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        var data = await GetDataAsync("api/v1/query?query=" + Uri.EscapeDataString(promql), cancellationToken);
        return [.. data.GetProperty("result").EnumerateArray().Select(series => (Labels(series.GetProperty("metric")), series.GetProperty("value")[1].GetString()!))];
    }

    /// <summary>The alerts pending or firing now, with their labels and state.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, string State)>> AlertsAsync(CancellationToken cancellationToken)
    {
        var data = await GetDataAsync("api/v1/alerts", cancellationToken);
        return [.. data.GetProperty("alerts").EnumerateArray().Select(alert => (Labels(alert.GetProperty("labels")), alert.GetProperty("state").GetString()!))];
    }

    /// <summary>Asks a query and returns the API's error, or null when Prometheus accepted it.</summary>
    public async Task<string?> QueryErrorAsync(string promql, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(promql), UriKind.Relative), cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("status").GetString() == "success"
            ? null
            : json.RootElement.GetProperty("error").GetString();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private static Dictionary<string, string> Labels(JsonElement labels) =>
        labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    private async Task<JsonElement> GetDataAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {pathAndQuery}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data").Clone();
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"prometheus was not ready after 20 s:\n{Log}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}
