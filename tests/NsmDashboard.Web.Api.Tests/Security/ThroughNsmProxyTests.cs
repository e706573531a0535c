using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Proxy;
using NsmDashboard.Vsock;
using NsmDashboard.Vsock.Tests.Infrastructure;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Hosting;
using NsmDashboard.Web.Security.Tls;

namespace NsmDashboard.Web.Api.Tests.Security;

/// <summary>
/// The whole path on this machine: browsers' TCP connections from different addresses, nsm-proxy (its real code,
/// writing the PROXY v2 header), and the dashboard's vsock listener pipeline in real Kestrel (PROXY header, TLS,
/// HTTP) on the stand-in transport, which binds the vsock endpoint on TCP underneath. The rig VM runs the same over
/// real vsock (tests/rig/run-vsock-tests.sh).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ThroughNsmProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Forty_sign_in_attempts_over_forty_connections_through_nsm_proxy_meet_429_and_other_addresses_and_names_are_counted_apart()
    {
        // Arrange: the production limits (10 a minute per address, 10 per user name).
        await using var path = await DashboardBehindProxy.StartAsync(new()
        {
            ["RateLimits:LoginsPerMinute"] = "10",
            ["RateLimits:LoginsPerUserNamePerMinute"] = "10",
        });

        // Act: forty wrong passwords for one account, from 127.0.0.1, each on a new connection.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add(await path.PostLoginAsync("127.0.0.1", TestIdentities.OperatorUser, "guess " + i));
        }

        var otherAddressOtherName = await path.PostLoginAsync("127.0.0.2", TestIdentities.ViewerUser, "wrong");
        var otherAddressSameName = await path.PostLoginAsync("127.0.0.3", TestIdentities.OperatorUser, TestIdentities.Password);

        // Assert: ten checked, thirty refused; the address came through the header (127.0.0.2 has its own bucket),
        // and the user name's limit holds whatever address the next attempt claims.
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.Unauthorized, otherAddressOtherName);
        Assert.Equal(HttpStatusCode.TooManyRequests, otherAddressSameName);
        // Every attempt was two connections (the form, then the post), each with its own header.
        Assert.Equal(2 * 42, path.Statistics.Proxied);
        Assert.Equal(0, path.Statistics.Rejected);
    }

    [Fact]
    public async Task The_audit_trail_names_the_browsers_address_not_the_parents()
    {
        // Arrange
        await using var path = await DashboardBehindProxy.StartAsync([]);

        // Act: an anonymous attempt to lock a PCR, from 127.0.0.5.
        using var client = path.CreateClient("127.0.0.5");
        var refused = await client.PostAsync("/api/pcrs/17/lock", content: null, Ct);
        using var @operator = path.CreateClient("127.0.0.1", TestIdentities.OperatorToken);
        var audit = await ApiAssert.OkAsync(await @operator.GetAsync("/api/audit", Ct));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var entry = Assert.Single(audit.GetProperty("entries").EnumerateArray());
        Assert.Equal("127.0.0.5", entry.GetProperty("address").GetString());
    }

    [Fact]
    public async Task A_connection_to_the_vsock_listener_without_the_header_is_refused_by_default()
    {
        // Arrange
        await using var path = await DashboardBehindProxy.StartAsync([]);

        // Act: straight to the listener, past nsm-proxy: a TLS ClientHello is not a PROXY header.
        using var direct = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await direct.ConnectAsync(await path.Transport.TcpEndPoint, Ct);
        await direct.SendAsync(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00 }, SocketFlags.None, Ct);

        // Assert: closed without an answer, and counted.
        Assert.Equal(0, await ReceiveUntilClosedAsync(direct));
        Assert.Equal(1, path.Statistics.RejectedFor(ProxyHeaderError.MissingHeader));
    }

    [Fact]
    public async Task The_tcp_listener_never_reads_the_header_so_a_client_cannot_choose_its_address()
    {
        // Arrange: the dashboard on TCP only (no vsock), PROXY protocol configured all the same.
        await using var api = new ApiFactory().WithSetting("NsmDashboard:ProxyProtocol", "require");
        api.UseKestrel(0);
        api.StartServer();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(api.KestrelAddress.Host, api.KestrelAddress.Port, Ct);

        // Act: a forged header, then a request.
        byte[] forged = ProxyProtocolV2.CreateHeader(IPEndPoint.Parse("198.51.100.1:1"), IPEndPoint.Parse("10.0.0.5:8443"));
        byte[] request = [.. forged, .. "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray()];
        await client.SendAsync(request, SocketFlags.None, Ct);
        var response = new byte[4096];
        int read = await client.ReceiveAsync(response, SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // Assert: the header is just bytes that are not HTTP.
        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(response, 0, read), StringComparison.Ordinal);
    }

    private static async Task<int> ReceiveUntilClosedAsync(Socket socket)
    {
        var total = 0;
        var buffer = new byte[1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct)) > 0)
            {
                total += read;
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // An abort may end it with a reset.
        }

        return total;
    }

    /// <summary>
    /// The real dashboard (<see cref="NsmDashboardApp"/> on Kestrel) listening on "vsock" only — the stand-in transport,
    /// registered first, takes the vsock endpoint — with TLS as in an enclave, behind nsm-proxy in process.
    /// </summary>
    private sealed class DashboardBehindProxy : IAsyncDisposable
    {
        private readonly NsmDashboardApp _app;
        private readonly CancellationTokenSource _stopProxy;
        private readonly Task<int> _proxy;
        private readonly string _pinned;

        private DashboardBehindProxy(NsmDashboardApp app, StandInVsockTransport transport, CancellationTokenSource stopProxy, Task<int> proxy, IPEndPoint proxyEndPoint)
        {
            _app = app;
            Transport = transport;
            _stopProxy = stopProxy;
            _proxy = proxy;
            ProxyEndPoint = proxyEndPoint;
            _pinned = Services.GetRequiredService<DashboardTls>().Identity!.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        }

        public StandInVsockTransport Transport { get; }

        public IPEndPoint ProxyEndPoint { get; }

        public IServiceProvider Services => _app.Application.Services;

        public ProxyProtocolStatistics Statistics => Services.GetRequiredService<ProxyProtocolStatistics>();

        public static async Task<DashboardBehindProxy> StartAsync(Dictionary<string, string?> settings)
        {
            var transport = new StandInVsockTransport();
            var configuration = new Dictionary<string, string?>(TestIdentities.Configuration)
            {
                ["Nsm:Mode"] = "emulator",
                ["NsmDashboard:VsockPort"] = "5000",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:NsmDashboard"] = "Error",
                ["RateLimits:MutationsPerMinute"] = "100000",
                ["RateLimits:LoginsPerMinute"] = "100000",
                ["RateLimits:LoginsPerUserNamePerMinute"] = "100000",
            };
            foreach (var (key, value) in settings)
            {
                configuration[key] = value;
            }

            var app = new NsmDashboardApp(
                new WebApplicationOptions { EnvironmentName = "Production" },
                builder =>
                {
                    builder.Configuration.AddInMemoryCollection(configuration);
                    builder.Services.AddSingleton<IConnectionListenerFactory>(transport);
                });
            await app.StartAsync(Ct);
            var upstream = await transport.TcpEndPoint.WaitAsync(TimeSpan.FromSeconds(30), Ct);

            // The real nsm-proxy code: --to tcp:// needs the header asked for explicitly (vsock upstreams get it by default).
            var listening = new TaskCompletionSource<System.Net.EndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stop = new CancellationTokenSource();
            var proxy = ProxyApp.RunAsync(
                ["--listen", "127.0.0.1:0", "--to", $"tcp://{upstream}", "--proxy-protocol", "on", "--log-level", "warn"],
                TextWriter.Null, TextWriter.Null, stop.Token, listening.SetResult);
            var bound = (IPEndPoint)await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            return new DashboardBehindProxy(app, transport, stop, proxy, bound);
        }

        /// <summary>An HTTPS client whose every request is a new TCP connection from <paramref name="fromAddress"/> to nsm-proxy.</summary>
        public HttpClient CreateClient(string fromAddress, string? bearer = null)
        {
            var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.Zero,
                UseCookies = true,
                AllowAutoRedirect = false,
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    socket.Bind(new IPEndPoint(IPAddress.Parse(fromAddress), 0));
                    await socket.ConnectAsync(ProxyEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                },
                SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == _pinned },
            };
            var client = new HttpClient(handler) { BaseAddress = new Uri("https://enclave.test/") };
            client.DefaultRequestHeaders.ConnectionClose = true;
            if (bearer is not null)
            {
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            }

            return client;
        }

        /// <summary>One sign-in attempt: the form's antiforgery token, then the post, each over a new connection.</summary>
        public async Task<HttpStatusCode> PostLoginAsync(string fromAddress, string name, string password)
        {
            using var browser = CreateClient(fromAddress);
            var antiforgery = await BrowserSignIn.AntiforgeryAsync(browser);
            return (await BrowserSignIn.PostAsync(browser, antiforgery, name, password)).StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            await _stopProxy.CancelAsync();
            await _proxy.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            _stopProxy.Dispose();
            await _app.StopAsync(Ct);
            await _app.DisposeAsync();
        }
    }
}
