using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Yarp.ReverseProxy.Forwarder;

namespace NsmDashboard.Cli.Tunnel;

/// <summary>
/// The local side of <c>nsm connect</c>: Kestrel on a loopback address serving plain HTTP/1.1 to the browser, and
/// YARP's <see cref="IHttpForwarder"/> carrying each request to the dashboard over an <see cref="HttpMessageInvoker"/>
/// whose every connection comes from <see cref="PinnedDashboardConnector"/>. When the connector refuses, the browser
/// gets <see cref="TunnelErrorPage"/>.
/// </summary>
internal sealed class TunnelServer : IAsyncDisposable
{
    // SignalR pings every 15 s; this only ends a forwarded exchange (a WebSocket included) idle for this long.
    private static readonly TimeSpan ActivityTimeout = TimeSpan.FromMinutes(10);

    private readonly IHost _host;
    private readonly HttpMessageInvoker _invoker;

    private TunnelServer(IHost host, HttpMessageInvoker invoker, Uri url)
    {
        _host = host;
        _invoker = invoker;
        Url = url;
    }

    /// <summary>Where the browser opens the dashboard, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts listening.</summary>
    /// <exception cref="IOException">The address cannot be listened on (in use, not local).</exception>
    public static async Task<TunnelServer> StartAsync(Uri server, IPEndPoint listen, TimeSpan connectTimeout, PinnedDashboardConnector connector, TunnelLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(log);
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ActivityHeadersPropagator = null,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = connectTimeout,
            ConnectCallback = connector.ConnectAsync,
        });
        var destination = server.AbsoluteUri;
        var requestConfig = new ForwarderRequestConfig { ActivityTimeout = ActivityTimeout };
        var browserConnections = 0;
        var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddSingleton<IHostLifetime, PassiveLifetime>();
                services.AddHttpForwarder();
            })
            .ConfigureWebHost(web => web
                .UseKestrelCore()
                .ConfigureKestrel(kestrel =>
                {
                    kestrel.AddServerHeader = false;
                    kestrel.Listen(listen, options =>
                    {
                        // Browsers speak HTTP/2 only over TLS; on loopback they speak HTTP/1.1.
                        options.Protocols = HttpProtocols.Http1;
                        options.Use(next => async connection =>
                        {
                            var number = Interlocked.Increment(ref browserConnections);
                            log.Write($"browser connection #{number} from {connection.RemoteEndPoint}");
                            await next(connection).ConfigureAwait(false);
                        });
                    });
                })
                .Configure(app =>
                {
                    var forwarder = app.ApplicationServices.GetRequiredService<IHttpForwarder>();
                    app.Run(async context =>
                    {
                        var error = await forwarder.SendAsync(context, destination, invoker, requestConfig, TunnelTransformer.Instance).ConfigureAwait(false);
                        if (error != ForwarderError.None && !context.RequestAborted.IsCancellationRequested)
                        {
                            await TunnelErrorPage.WriteAsync(context, error, server).ConfigureAwait(false);
                        }
                    });
                }))
            .Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            invoker.Dispose();
            throw;
        }

        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TunnelServer(host, invoker, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops accepting, lets open exchanges finish for up to <paramref name="grace"/>, then closes the rest.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        await _host.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _host.Dispose();
        _invoker.Dispose();
    }

    // The command handles SIGINT and SIGTERM itself (and tests run the tunnel in process): the host must not.
    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
