using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NsmDashboard.Testing.Fuzz;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Fuzz;

/// <summary>
/// Fuzzes the JSON inputs of the API through the real app on the in-memory test server (its pipeline, model binding,
/// validation and endpoints, signed in as an operator): the bodies of extend, lock range, attestation, verify,
/// measurements, event-log import and check, and KMS generate and check, each seeded with real requests (documents the
/// emulator just signed, an exported event log, a generated policy) and mutated by <see cref="JsonMutator"/> — documents
/// inside a body by <see cref="CborMutator"/>. Only a 2xx with a JSON body or a typed problem (a 4xx in
/// <see cref="AllowedProblems"/>, application/problem+json with an errorCode) may come back; a 5xx, another status, an
/// untyped error or no answer within the timeout is a <see cref="FuzzFinding"/>.
/// </summary>
/// <remarks>
/// A fresh app (emulator, stores) every <see cref="InputsPerApp"/> inputs: lock range locks PCRs and added measurement
/// sets fill their store, and a run should keep reaching the paths a fresh enclave has. Used by ApiFuzzTests (CI) and
/// the benchmarks' fuzz runner (10⁶).
/// </remarks>
internal sealed class ApiFuzzHarness : IAsyncDisposable
{
    /// <summary>The 4xx statuses the API documents for bad input, conflicts and limits (405: a mutated PCR index such as <c>%2e</c> that normalises the path away).</summary>
    public static readonly int[] AllowedProblems = [400, 404, 405, 409, 413, 415, 422, 429];

    private static readonly string[] Names =
    [
        "data", "text", "private", "recordData", "range", "nonce", "userData", "publicKey", "document", "at", "root",
        "expectedPcrs", "expectedNonce", "name", "nitroCli", "pcrs", "capacity", "entries", "gaps", "log", "policy", "live",
        "source", "measurements", "principal", "allowDebugZeros", "Measurements", "PCR0", "index", "value", "Data", "extra",
    ];

    private static readonly string[] ContentTypes =
        ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/merge-patch+json", "multipart/form-data; boundary=x"];

    private static readonly string[] BadIndexes = ["-1", "32", "99999999999", "1e3", "0x10", "16.0", "%2e", "PCR16", "016", "+16"];

    private readonly int _seed;
    private readonly TimeSpan _timeout;
    private readonly JsonMutator _json;
    private readonly JsonMutator _nestedJson = new(Names);
    private ApiFactory? _api;
    private HttpClient? _client;
    private List<Route> _routes = [];
    private CborMutator? _documents;
    private long _app = -1;

    public ApiFuzzHarness(int seed, TimeSpan timeout, int inputsPerApp = 5000)
    {
        _seed = seed;
        _timeout = timeout;
        InputsPerApp = inputsPerApp;
        _json = new JsonMutator(Names, MutateDomainString);
    }

    /// <summary>One route and its seed bodies.</summary>
    public sealed record Route(string Name, string Path, string[] Seeds);

    /// <summary>One request: its route, path, body, content type (null: none) and the mutations applied.</summary>
    public readonly record struct Input(int Route, string Path, byte[] Body, string? ContentType, string Mutation);

    public int InputsPerApp { get; }

    public IReadOnlyList<Route> Routes => _routes;

    /// <summary>Starts the app this input belongs to (a fresh one every <see cref="InputsPerApp"/> inputs).</summary>
    public async Task PrepareAsync(long index)
    {
        var app = index / InputsPerApp;
        if (app == _app)
        {
            return;
        }

        await DisposeAsync();
        _api = new ApiFactory();
        _client = _api.CreateClient();
        _client.Timeout = _timeout;
        _routes = await SeedRoutesAsync(_client);
        _app = app;
    }

    /// <summary>The input number <paramref name="index"/> of this seed (the bodies embed the current app's documents).</summary>
    public Input Next(long index)
    {
        var random = FuzzLabels.InputRandom(_seed, index);
        var routeIndex = (int)(index % _routes.Count);
        var route = _routes[routeIndex];
        var (body, mutation) = _json.Mutate(route.Seeds[random.Next(route.Seeds.Length)], random);
        var path = route.Path;
        if (route.Name == "extend")
        {
            var pcr = random.Next(10) == 0 ? BadIndexes[random.Next(BadIndexes.Length)] : (16 + random.Next(16)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            path = path.Replace("{index}", pcr, StringComparison.Ordinal);
        }

        var contentType = random.Next(20) == 0 ? (random.Next(4) == 0 ? null : ContentTypes[random.Next(ContentTypes.Length)]) : "application/json";
        return new Input(routeIndex, path, body, contentType, mutation + (contentType == "application/json" ? string.Empty : "+content-type"));
    }

    /// <summary>Sends one input; returns <c>ROUTE: STATUS ERRORCODE</c> (<c>ROUTE: 200</c> for a success).</summary>
    /// <exception cref="FuzzFinding">An answer that must never come back, or none in time.</exception>
    public async Task<string> CheckAsync(long index, Input input)
    {
        var route = _routes[input.Route];
        FuzzFinding Finding(string what, Exception? cause = null) =>
            new($"{what}; POST {input.Path} ({input.ContentType ?? "no content type"})", route.Name, _seed, index, input.Body, cause);

        using var content = new ByteArrayContent(input.Body);
        if (input.ContentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(input.ContentType);
        }

        HttpResponseMessage response;
        string text;
        try
        {
            response = await _client!.PostAsync(input.Path, content);
            text = await response.Content.ReadAsStringAsync();
        }
        catch (TaskCanceledException e)
        {
            throw Finding($"no answer within {_timeout.TotalSeconds:F0} s", e);
        }
        catch (Exception e)
        {
            throw Finding($"the request failed: {e.GetType().Name}: {e.Message}", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                if (!IsJson(text))
                {
                    throw Finding($"{status} with a body that is not JSON: {Cut(text)}");
                }

                return $"{route.Name}: {status}";
            }

            if (!AllowedProblems.Contains(status))
            {
                throw Finding($"status {status}: {Cut(text)}");
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || ErrorCodeOf(text) is not { } errorCode)
            {
                throw Finding($"{status} without a typed problem ({response.Content.Headers.ContentType}): {Cut(text)}");
            }

            return $"{route.Name}: {status} {errorCode}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _client = null;
        if (_api is not null)
        {
            await _api.DisposeAsync();
            _api = null;
        }
    }

    /// <summary>Real requests of every route, made against this app so documents and the exported log are its own.</summary>
    private async Task<List<Route>> SeedRoutesAsync(HttpClient client)
    {
        await Ok(client.PostAsync("/api/pcrs/16/extend", Json(new { data = "010203" })));
        await Ok(client.PostAsync("/api/pcrs/17/extend", Json(new { text = "release 42", @private = true })));
        var attested = await Ok(client.PostAsync("/api/attestation", Json(new { nonce = "0011223344", userData = "68656c6c6f" })));
        var document = attested.GetProperty("document").GetString()!;
        var exported = (await Ok(client.GetAsync("/api/eventlog"))).GetRawText();
        var evervault = Convert.ToBase64String(AwsVectors.Read("evervault-beta-2022-10-13-production.cbor"));
        var nitrite = AwsVectors.Read("nitrite-2021-10-28-debug.cbor");
        var generated = await Ok(client.PostAsync("/api/kms/generate", Json(new { source = "document", document = evervault, principal = "arn:aws:iam::111122223333:role/host" })));
        var policy = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(JsonNode.Parse(generated.GetProperty("keyPolicyStatement").GetRawText())) }.ToJsonString();
        var nitroCli = AwsVectors.ReadText("build-enclave.json");
        var pcr0 = JsonDocument.Parse(nitroCli).RootElement.GetProperty("Measurements").GetProperty("PCR0").GetString();
        _documents = new CborMutator([Convert.FromBase64String(document), nitrite, Convert.FromBase64String(evervault)], [.. Names, "module_id", "pcrs", "cabundle", "certificate"]);

        string J(object value) => JsonSerializer.Serialize(value);
        return
        [
            new("extend", "/api/pcrs/{index}/extend", [J(new { data = "010203" }), J(new { text = "release 42", @private = true }), J(new { data = new string('a', 96), recordData = true })]),
            new("lock range", "/api/pcrs/lock", [J(new { range = 16 }), J(new { range = 0 }), "{}"]),
            new("attestation", "/api/attestation", ["{}", J(new { nonce = "0011223344", userData = "68656c6c6f", publicKey = "3059301306" })]),
            new("verify", "/api/attestation/verify",
            [
                J(new { document, root = "emulator" }),
                J(new { document = evervault, root = "aws", at = "document", expectedPcrs = new Dictionary<string, string> { ["0"] = new string('0', 96) } }),
                J(new { document = Convert.ToHexString(nitrite), at = "2021-10-28T17:02:02Z", expectedNonce = "00" }),
                J(new { document, expectedPcrs = new Dictionary<string, object> { ["release"] = new Dictionary<string, string> { ["PCR16"] = new string('0', 96) } } }),
            ]),
            new("measurements", "/api/measurements",
            [
                $"{{\"name\":\"release-42\",\"nitroCli\":{nitroCli}}}",
                J(new { name = "text", nitroCli }),
                J(new { name = "live", pcrs = new Dictionary<string, string> { ["0"] = pcr0!, ["PCR16"] = new string('0', 96) } }),
            ]),
            new("eventlog import", "/api/eventlog/import", [exported, J(new { entries = Array.Empty<object>() })]),
            new("eventlog check", "/api/eventlog/check", [J(new { document }), J(new { document, log = "imported" })]),
            new("kms generate", "/api/kms/generate",
            [
                J(new { source = "document", document = evervault, principal = "arn:aws:iam::111122223333:role/host" }),
                J(new { source = "live" }),
                J(new { source = "measurements", measurements = nitroCli, pcrs = new[] { 0, 1, 2 } }),
            ]),
            new("kms check", "/api/kms/check", [J(new { policy, document = evervault }), J(new { policy, live = true })]),
        ];
    }

    /// <summary>Documents become structure-mutated documents (base64 or hex); JSON texts are mutated as JSON.</summary>
    private string? MutateDomainString(string name, string value, Random random)
    {
        switch (name)
        {
            case "document" when _documents is not null:
                byte[] bytes;
                try
                {
                    bytes = value.Length % 2 == 0 && value.All(Uri.IsHexDigit) ? Convert.FromHexString(value) : Convert.FromBase64String(value);
                }
                catch (FormatException)
                {
                    return null;
                }

                var (mutated, _) = _documents.Mutate(bytes, random);
                return random.Next(3) == 0 ? Convert.ToHexStringLower(mutated) : Convert.ToBase64String(mutated);
            case "policy" or "nitroCli" or "measurements" when value.TrimStart().StartsWith('{'):
                return Encoding.UTF8.GetString(_nestedJson.Mutate(value, random).Body);

            default:
                return null;
        }
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding the fuzz run failed: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? ErrorCodeOf(string text)
    {
        try
        {
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Cut(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
