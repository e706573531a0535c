using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NsmDashboard.Vsock.Tests.Infrastructure;

/// <summary>
/// Kestrel listening on a <see cref="VsockEndPoint"/> the way the dashboard does: the PROXY v2 middleware first,
/// then TLS when a certificate is given, then HTTP. <c>GET /peer</c> answers with
/// <c>HttpContext.Connection.RemoteIpAddress:RemotePort</c> (or <c>none</c>), what rate limits and the audit trail use.
/// </summary>
internal sealed class ProxiedKestrel : IAsyncDisposable
{
    private ProxiedKestrel(WebApplication app, ProxyProtocolStatistics statistics, ListLogger log, string address)
    {
        App = app;
        Statistics = statistics;
        Log = log;
        Address = address;
    }

    public WebApplication App { get; }

    public ProxyProtocolStatistics Statistics { get; }

    public ListLogger Log { get; }

    /// <summary>The address Kestrel reports for the vsock endpoint (with the port the kernel chose).</summary>
    public string Address { get; }

    /// <summary>Starts Kestrel with <paramref name="transport"/> registered for vsock endpoints.</summary>
    public static async Task<ProxiedKestrel> StartAsync(IConnectionListenerFactory transport, ProxyProtocolMode mode, X509Certificate2? certificate = null)
    {
        var statistics = new ProxyProtocolStatistics();
        var log = new ListLogger();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton(transport));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(new VsockEndPoint(VsockCid.Any, VsockEndPoint.AnyPort), listen =>
        {
            var options = new ProxyProtocolOptions { Mode = mode, Statistics = statistics };
            listen.Use(next => new ProxyProtocolMiddleware(next, options, log).OnConnectionAsync);
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        app.MapGet("/peer", (HttpContext context) =>
        {
            var connection = context.Connection;
            byte[] body = Encoding.ASCII.GetBytes(connection.RemoteIpAddress is { } address ? $"{address}:{connection.RemotePort}" : "none");
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ProxiedKestrel(app, statistics, log, address);
    }

    /// <summary>A self-signed P-384 certificate for the TLS tests (what the dashboard makes at start, in small).</summary>
    public static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=nsm-dashboard-test", key, HashAlgorithmName.SHA384);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Sends <c>GET /peer</c> on <paramref name="connection"/> (plain, or TLS pinned to <paramref name="certificate"/>)
    /// and returns the body. Plain requests go through the socket itself: a <see cref="NetworkStream"/> refuses a
    /// connected vsock socket, which .NET does not know to be connected.
    /// </summary>
    public static async Task<string> GetPeerAsync(Socket connection, X509Certificate2? certificate)
    {
        var ct = TestContext.Current.CancellationToken;
        byte[] request = "GET /peer HTTP/1.1\r\nHost: enclave\r\nConnection: close\r\n\r\n"u8.ToArray();
        string response;
        if (certificate is null)
        {
            await ByteStreams.SendAllAsync(connection, request, ct);
            using var all = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await connection.ReceiveAsync(buffer, SocketFlags.None, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct)) > 0)
            {
                all.Write(buffer, 0, read);
            }

            response = Encoding.ASCII.GetString(all.ToArray());
        }
        else
        {
            string pinned = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            await using var ssl = new SslStream(
                new NetworkStream(connection, ownsSocket: false),
                leaveInnerStreamOpen: false,
                (_, served, _, _) => served?.GetCertHashString(HashAlgorithmName.SHA256) == pinned);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "enclave" }, ct);
            await ssl.WriteAsync(request, ct);
            using var reader = new StreamReader(ssl, Encoding.ASCII);
            response = await reader.ReadToEndAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        }

        Assert.StartsWith("HTTP/1.1 200 OK", response, StringComparison.Ordinal);
        return response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(TestContext.Current.CancellationToken);
        await App.DisposeAsync();
    }
}
