using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace NsmDashboard.Benchmarks.Soak;

/// <summary>
/// The steady API load of a soak run, each part on its own token as a separate script would be: reads (Viewer), extends
/// (one loop per Operator token, under the per-user mutation limit), attestation bursts within the limit, a burst over
/// the limit on its own token (its 429s are the intended refusals, counted apart), and periodic exports (audit trail,
/// event log), an import of the exported log's tail, and an expected-measurement set added and deleted.
/// </summary>
internal sealed class ApiLoad(SoakOptions options, LatencyRecorder recorder, Stopwatch clock) : IDisposable
{
    private readonly HttpClient _reader = Client(options, options.ReaderToken);
    private readonly HttpClient _attester = Client(options, options.AttesterToken);
    private readonly HttpClient _burster = Client(options, options.BursterToken);
    private readonly HttpClient[] _extenders = [.. options.ExtenderTokens.Select(t => Client(options, t))];

    /// <summary>The entries of the last event log exported (for the store sizes).</summary>
    public int LastImportBytes { get; private set; }

    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(
    [
        ReadsAsync(0, cancellationToken),
        ReadsAsync(1, cancellationToken),
        .. _extenders.Select((client, i) => ExtendsAsync(client, i, cancellationToken)),
        AttestationBurstsAsync(cancellationToken),
        OverLimitBurstsAsync(cancellationToken),
        ExportsAsync(cancellationToken),
    ]);

    /// <summary>GET a JSON document as the reader (for the store sizes); null when it failed (recorded).</summary>
    public async Task<JsonNode?> GetJsonAsync(string routeClass, string path, CancellationToken cancellationToken)
    {
        var body = await SendAsync(routeClass, _reader, () => new HttpRequestMessage(HttpMethod.Get, path), false, cancellationToken).ConfigureAwait(false);
        return body is null ? null : JsonNode.Parse(body);
    }

    /// <summary>GET a text document as the reader; null when it failed (recorded).</summary>
    public Task<string?> GetTextAsync(string routeClass, string path, CancellationToken cancellationToken) =>
        SendAsync(routeClass, _reader, () => new HttpRequestMessage(HttpMethod.Get, path), false, cancellationToken);

    public void Dispose()
    {
        _reader.Dispose();
        _attester.Dispose();
        _burster.Dispose();
        foreach (var client in _extenders)
        {
            client.Dispose();
        }
    }

    private static HttpClient Client(SoakOptions options, string token) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 16 })
    {
        BaseAddress = options.BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    private static async Task EveryAsync(TimeSpan interval, Func<long, Task> action, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        long tick = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await action(tick++).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private Task ReadsAsync(int loop, CancellationToken cancellationToken)
    {
        string[] paths = ["api/nsm", "api/pcrs", "api/pcrs/16", "api/random", "api/pcrs/17/replay", "api/measurements", "healthz", "metrics"];
        return EveryAsync(TimeSpan.FromSeconds(2 / options.ReadsPerSecond), async tick =>
        {
            var path = paths[(tick * 2 + loop) % paths.Length];
            if (tick % 20 == 19)
            {
                // A page as a browser first loads it (prerendered HTML, no circuit).
                await SendAsync("page", _reader, () => new HttpRequestMessage(HttpMethod.Get, loop == 0 ? "pcrs" : "eventlog"), false, cancellationToken).ConfigureAwait(false);
                return;
            }

            await SendAsync("read", _reader, () => new HttpRequestMessage(HttpMethod.Get, path), false, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private Task ExtendsAsync(HttpClient client, int loop, CancellationToken cancellationToken) =>
        EveryAsync(TimeSpan.FromMinutes(1 / options.ExtendsPerMinutePerToken), async tick =>
        {
            var index = 16 + (int)((tick + loop * 4) % 16);
            // Mostly text kept in the log; every third private (hash only); every fifth with its data in the audit trail.
            var body = new JsonObject
            {
                ["text"] = string.Create(CultureInfo.InvariantCulture, $"soak {loop}/{tick} {RandomNumberGenerator.GetHexString(32)}"),
                ["private"] = tick % 3 == 0,
                ["recordData"] = tick % 5 == 0,
            };
            await SendAsync("extend", client, () => new HttpRequestMessage(HttpMethod.Post, $"api/pcrs/{index}/extend") { Content = JsonContent.Create(body) }, false, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private Task AttestationBurstsAsync(CancellationToken cancellationToken) =>
        EveryAsync(options.AttestationBurstInterval, _ => Task.WhenAll(Enumerable.Range(0, options.AttestationBurst).Select(_ =>
            SendAsync("attest", _attester, Attestation, false, cancellationToken))), cancellationToken);

    private Task OverLimitBurstsAsync(CancellationToken cancellationToken) =>
        EveryAsync(options.OverLimitBurstInterval, async _ =>
        {
            using var gate = new SemaphoreSlim(16);
            await Task.WhenAll(Enumerable.Range(0, options.OverLimitBurst).Select(async _ =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await SendAsync("attest", _burster, Attestation, true, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
        }, cancellationToken);

    private static HttpRequestMessage Attestation() => new(HttpMethod.Post, "api/attestation")
    {
        Content = JsonContent.Create(new JsonObject { ["nonce"] = RandomNumberGenerator.GetHexString(64, lowercase: true) }),
    };

    private Task ExportsAsync(CancellationToken cancellationToken) =>
        EveryAsync(options.ExportInterval, async tick =>
        {
            await SendAsync("export", _reader, () => new HttpRequestMessage(HttpMethod.Get, "api/audit?download=true"), false, cancellationToken).ConfigureAwait(false);
            var exported = await SendAsync("export", _reader, () => new HttpRequestMessage(HttpMethod.Get, "api/eventlog"), false, cancellationToken).ConfigureAwait(false);
            if (exported is not null && JsonNode.Parse(exported) is JsonObject log && log["entries"] is JsonArray entries)
            {
                // The tail of the export, re-imported: an import replaces the one imported log the dashboard keeps.
                var tail = new JsonObject
                {
                    ["capacity"] = log["capacity"]?.DeepClone(),
                    ["entries"] = new JsonArray([.. entries.Skip(Math.Max(0, entries.Count - 40)).Select(e => e!.DeepClone())]),
                };
                var text = tail.ToJsonString();
                LastImportBytes = text.Length;
                await SendAsync("import", _extenders[0], () => new HttpRequestMessage(HttpMethod.Post, "api/eventlog/import")
                {
                    Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json"),
                }, false, cancellationToken).ConfigureAwait(false);
            }

            // An expected-measurement set added, and the one added before deleted: the store holds one or two of the soak's.
            var name = string.Create(CultureInfo.InvariantCulture, $"soak-{tick}");
            var set = new JsonObject { ["name"] = name, ["pcrs"] = new JsonObject { ["16"] = RandomNumberGenerator.GetHexString(96, lowercase: true) } };
            await SendAsync("import", _extenders[0], () => new HttpRequestMessage(HttpMethod.Post, "api/measurements") { Content = JsonContent.Create(set) }, false, cancellationToken).ConfigureAwait(false);
            if (tick > 0)
            {
                var previous = string.Create(CultureInfo.InvariantCulture, $"soak-{tick - 1}");
                await SendAsync("import", _extenders[0], () => new HttpRequestMessage(HttpMethod.Delete, $"api/measurements/{previous}"), false, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    // Sends one request and records it; returns the body of a success, null otherwise.
    private async Task<string?> SendAsync(
        string routeClass, HttpClient client, Func<HttpRequestMessage> request, bool overLimitToken, CancellationToken cancellationToken)
    {
        using var message = request();
        var started = clock.Elapsed;
        try
        {
            using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var elapsed = clock.Elapsed - started;
            if (response.IsSuccessStatusCode)
            {
                recorder.Succeeded(routeClass, started.TotalSeconds, elapsed.TotalMilliseconds);
                return body;
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests && overLimitToken)
            {
                recorder.IntendedRefusal();
                return null;
            }

            recorder.Failed(routeClass, string.Create(
                CultureInfo.InvariantCulture, $"{message.Method} {message.RequestUri} → {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended while this request was in flight.
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            recorder.Failed(routeClass, $"{message.Method} {message.RequestUri}: {ex.GetType().Name}: {ex.Message}");
        }

        return null;
    }
}
