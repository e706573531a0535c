using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NsmDashboard.Benchmarks.Soak;

/// <summary>
/// One Blazor Server circuit without a browser: what blazor.web.js does for a page whose root components are
/// interactive on the server. It reads the page's component markers (<c>&lt;!--Blazor:{…}--&gt;</c>) and the protected
/// component state, connects to <c>/_blazor</c> with the "blazorpack" protocol (SignalR's MessagePack protocol under
/// Blazor's name), calls <c>StartCircuit</c>, adds the root components with <c>UpdateRootComponents</c>, acknowledges
/// every render batch (<c>OnRenderCompleted</c>) and answers every JS interop call with success and no value, so the
/// server keeps rendering to it as to a real tab. It renders nothing itself: a circuit costs the server what a tab
/// costs it, and the client a WebSocket.
/// </summary>
internal sealed partial class BlazorCircuit : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private long _renderBatches;
    private long _jsCalls;
    private volatile string? _failure;

    private BlazorCircuit(HubConnection connection, string page)
    {
        _connection = connection;
        Page = page;
    }

    /// <summary>The page this circuit shows, e.g. <c>/pcrs</c>.</summary>
    public string Page { get; }

    /// <summary>Render batches the server sent (and this client acknowledged).</summary>
    public long RenderBatches => Interlocked.Read(ref _renderBatches);

    /// <summary>JS interop calls the server made.</summary>
    public long JsCalls => Interlocked.Read(ref _jsCalls);

    /// <summary>Why the circuit ended or failed (a JS.Error from the server, or the connection closing); null while it is fine.</summary>
    public string? Failure => _failure ?? (_connection.State == HubConnectionState.Connected ? null : $"connection {_connection.State}");

    /// <summary>Opens the page, starts its circuit and waits for the first render batch.</summary>
    /// <param name="baseAddress">The dashboard, e.g. <c>http://127.0.0.1:5000/</c>.</param>
    /// <param name="page">The page path.</param>
    /// <param name="cookies">The signed-in browser session.</param>
    /// <param name="http">A client that sends <paramref name="cookies"/>.</param>
    public static async Task<BlazorCircuit> OpenAsync(Uri baseAddress, string page, CookieContainer cookies, HttpClient http, CancellationToken cancellationToken)
    {
        var pageUri = new Uri(baseAddress, page.TrimStart('/'));
        var html = await http.GetStringAsync(pageUri, cancellationToken).ConfigureAwait(false);
        var markers = MarkerPattern().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value)!).ToArray();
        if (markers.Length == 0)
        {
            throw new InvalidOperationException($"{page} has no server component markers (not signed in?).");
        }

        var state = StatePattern().Match(html) is { Success: true } match ? match.Groups[1].Value : string.Empty;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "_blazor"), options =>
            {
                options.Cookies = cookies;
                options.Transports = HttpTransportType.WebSockets;
            })
            .AddBlazorPack()
            .Build();
        var circuit = new BlazorCircuit(connection, page);
        circuit.Listen();
        await connection.StartAsync(cancellationToken).ConfigureAwait(false);
        var firstBatch = circuit.WaitForRenderBatchAsync(cancellationToken);
        var circuitId = await connection.InvokeAsync<string?>(
            "StartCircuit", baseAddress.ToString(), pageUri.ToString(), "[]", state, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(circuitId))
        {
            throw new InvalidOperationException($"The server refused to start a circuit for {page}: {circuit._failure}");
        }

        var operations = new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray([.. markers.Select((marker, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = marker,
            })]),
        };
        await connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, cancellationToken).ConfigureAwait(false);
        await firstBatch.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        return circuit;
    }

    /// <summary>Closes the connection; the server then ends the circuit at once, as for a closed tab.</summary>
    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);

    private readonly TaskCompletionSource _firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task WaitForRenderBatchAsync(CancellationToken cancellationToken) => _firstBatch.Task.WaitAsync(cancellationToken);

    private void Listen()
    {
        _connection.On<long, byte[]>("JS.RenderBatch", async (batchId, _) =>
        {
            Interlocked.Increment(ref _renderBatches);
            _firstBatch.TrySetResult();
            await _connection.SendAsync("OnRenderCompleted", batchId, (string?)null).ConfigureAwait(false);
        });
        _connection.On<long, string, string, int, long>("JS.BeginInvokeJS", async (asyncHandle, _, _, _, _) =>
        {
            Interlocked.Increment(ref _jsCalls);
            if (asyncHandle != 0)
            {
                // [handle, succeeded, result]: what blazor.web.js sends for a call that returned undefined.
                await _connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,null]").ConfigureAwait(false);
            }
        });
        _connection.On<int, string>("JS.AttachComponent", (_, _) => { });
        _connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        _connection.On<string>("JS.Error", error =>
        {
            _failure = $"JS.Error: {error}";
            _firstBatch.TrySetException(new InvalidOperationException(error));
        });
        _connection.Closed += error =>
        {
            _failure ??= $"closed: {error?.Message ?? "by the server"}";
            _firstBatch.TrySetException(new InvalidOperationException(_failure));
            return Task.CompletedTask;
        };
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StatePattern();
}

/// <summary>Registers SignalR's MessagePack protocol under the name Blazor's hub accepts.</summary>
internal static class BlazorPackProtocol
{
    // blazor.web.js does the same: its MessagePack protocol object with the name set to "blazorpack".
    public static IHubConnectionBuilder AddBlazorPack(this IHubConnectionBuilder builder)
    {
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new RenamedHubProtocol(new MessagePackHubProtocol(), "blazorpack"));
        return builder;
    }

    private sealed class RenamedHubProtocol(IHubProtocol inner, string name) : IHubProtocol
    {
        public string Name => name;

        public int Version => inner.Version;

        public TransferFormat TransferFormat => inner.TransferFormat;

        public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

        public bool TryParseMessage(ref System.Buffers.ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
            inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, System.Buffers.IBufferWriter<byte> output) => inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
    }
}
