using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.Vsock;

/// <summary>Kestrel listening on a <see cref="VsockEndPoint"/> through <see cref="VsockConnectionListenerFactory"/>, spoken to over raw vsock.</summary>
[Trait("Category", VsockLoopback.Category)]
public sealed class KestrelOnVsockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answers_http_over_vsock_to_a_client_that_half_closes_after_its_request()
    {
        VsockLoopback.RequireOrSkip();
        await using var app = await StartAsync();
        using var client = await VsockSocket.ConnectAsync(app.Target, Ct);

        // Slow endpoint: the FIN arrives long before the answer is written, and must not abort it.
        string response = await ExchangeAsync(client, "GET /slow HTTP/1.1\r\nHost: enclave\r\n\r\n", halfClose: true);

        Assert.StartsWith("HTTP/1.1 200 OK", response, StringComparison.Ordinal);
        Assert.EndsWith("slow but whole", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keeps_a_connection_alive_for_several_requests_and_reports_the_vsock_peer()
    {
        VsockLoopback.RequireOrSkip();
        await using var app = await StartAsync();
        using var client = await VsockSocket.ConnectAsync(app.Target, Ct);

        for (int i = 0; i < 3; i++)
        {
            await ByteStreams.SendAllAsync(client, Encoding.ASCII.GetBytes("GET /peer HTTP/1.1\r\nHost: enclave\r\n\r\n"), Ct);
            string response = await ReadOneResponseAsync(client);
            Assert.StartsWith("HTTP/1.1 200 OK", response, StringComparison.Ordinal);
            Assert.Contains("\r\n\r\nvsock://1:", response, StringComparison.Ordinal);
        }

        // Then the client closes; Kestrel ends the connection quietly (EOF, no reset).
        client.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, await client.ReceiveAsync(new byte[16], SocketFlags.None, Ct));
    }

    [Fact]
    public async Task Carries_a_large_request_body_and_response_with_back_pressure()
    {
        VsockLoopback.RequireOrSkip();
        await using var app = await StartAsync();
        using var client = await VsockSocket.ConnectAsync(app.Target, Ct);
        var body = new byte[4 * 1024 * 1024];
        new Random(3).NextBytes(body);

        var responseReading = ReadToEndAsync(client);
        await ByteStreams.SendAllAsync(client, Encoding.ASCII.GetBytes($"POST /echo HTTP/1.1\r\nHost: enclave\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), Ct);
        await ByteStreams.SendAllAsync(client, body, Ct);
        byte[] response = await responseReading.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        int headerEnd = response.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        Assert.StartsWith("HTTP/1.1 200 OK", Encoding.ASCII.GetString(response, 0, headerEnd), StringComparison.Ordinal);
        Assert.Equal(body, response[headerEnd..]);
    }

    [Fact]
    public async Task Stopping_kestrel_closes_the_listener()
    {
        VsockLoopback.RequireOrSkip();
        var app = await StartAsync();
        var target = app.Target;
        await app.DisposeAsync();

        var error = await Assert.ThrowsAsync<VsockException>(() => VsockSocket.ConnectAsync(target, Ct));
        Assert.Equal("ECONNRESET", error.ErrnoName);
    }

    private static async Task<RunningApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionListenerFactory, VsockConnectionListenerFactory>());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(new VsockEndPoint(VsockCid.Any, VsockEndPoint.AnyPort)));
        var app = builder.Build();
        // Every answer has a Content-Length (no chunking), so the tests can compare bodies byte for byte.
        app.MapGet("/slow", async (HttpContext context) =>
        {
            await Task.Delay(500, context.RequestAborted);
            await WriteTextAsync(context, "slow but whole");
        });
        app.MapGet("/peer", (HttpContext context) => WriteTextAsync(
            context,
            context.Connection.Id.StartsWith("vsock-", StringComparison.Ordinal)
                ? context.Features.Get<Microsoft.AspNetCore.Connections.Features.IConnectionEndPointFeature>()!.RemoteEndPoint!.ToString()!
                : "not vsock"));
        app.MapPost("/echo", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = context.Request.ContentLength;
            await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await app.StartAsync(Ct);

        // Kestrel reports the bound address as http:// + the endpoint, with the port the kernel chose.
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var bound = VsockEndPoint.Parse(address["http://".Length..]);
        return new RunningApp(app, new VsockEndPoint(VsockCid.Local, bound.Port));
    }

    private static Task WriteTextAsync(HttpContext context, string text)
    {
        byte[] body = Encoding.UTF8.GetBytes(text);
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static async Task<string> ExchangeAsync(Socket client, string request, bool halfClose)
    {
        var reading = ReadToEndAsync(client);
        await ByteStreams.SendAllAsync(client, Encoding.ASCII.GetBytes(request), Ct);
        if (halfClose)
        {
            client.Shutdown(SocketShutdown.Send);
        }

        return Encoding.ASCII.GetString(await reading.WaitAsync(TimeSpan.FromSeconds(30), Ct));
    }

    private static async Task<byte[]> ReadToEndAsync(Socket client)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await client.ReceiveAsync(buffer, SocketFlags.None, Ct)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }

    // One response with a Content-Length (what minimal APIs send for strings).
    private static async Task<string> ReadOneResponseAsync(Socket client)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            int read = await client.ReceiveAsync(buffer, SocketFlags.None, Ct);
            Assert.True(read > 0, "the connection ended before the response did");
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            string soFar = text.ToString();
            int headerEnd = soFar.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd < 0)
            {
                continue;
            }

            string lengthLine = soFar[..headerEnd].Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            int length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (soFar.Length >= headerEnd + 4 + length)
            {
                return soFar;
            }
        }
    }

    private sealed record RunningApp(WebApplication App, VsockEndPoint Target) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync(Ct);
            await App.DisposeAsync();
        }
    }
}
