using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.ProxyProtocol;

/// <summary>
/// The vsock listener's PROXY v2 middleware at the <see cref="ConnectionContext"/> level, as Kestrel calls it: the
/// header is consumed and nothing else, the client becomes the remote endpoint, and bad or missing headers close
/// the connection before the application sees a byte.
/// </summary>
public sealed class ProxyProtocolMiddlewareTests
{
    private static readonly IPEndPoint Client = IPEndPoint.Parse("203.0.113.7:50123");
    private static readonly IPEndPoint ProxyListen = IPEndPoint.Parse("10.0.0.5:8443");
    private static readonly byte[] Request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: enclave\r\n\r\n");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_proxy_header_makes_the_client_the_remote_endpoint_and_leaves_the_rest_to_the_application()
    {
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Require, out var statistics, out _);
        var connection = PipeConnection.FromParent();
        await connection.SendAsync([.. ProxyProtocolV2.CreateHeader(Client, ProxyListen), .. Request]);
        await connection.Peer.Output.CompleteAsync();

        await middleware.OnConnectionAsync(connection.Context);

        Assert.Equal(Client, app.RemoteEndPoint);
        Assert.Equal(Request, app.Received);
        var feature = Assert.IsAssignableFrom<IProxyProtocolFeature>(app.Feature);
        Assert.Equal(new VsockEndPoint(3, 49152), feature.RelayEndPoint);
        Assert.Equal(ProxyListen, feature.Header.Destination);
        Assert.Equal(new VsockEndPoint(16, 5000), connection.Context.LocalEndPoint);
        Assert.Equal((1, 0, 0), (statistics.Proxied, statistics.Local, statistics.Rejected));
    }

    [Fact]
    public async Task A_header_that_arrives_one_byte_at_a_time_is_read_whole()
    {
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Require, out _, out _);
        var connection = PipeConnection.FromParent();
        byte[] header = ProxyProtocolV2.CreateHeader(IPEndPoint.Parse("[2001:db8::7]:443"), IPEndPoint.Parse("[2001:db8::1]:8443"));

        var running = middleware.OnConnectionAsync(connection.Context);
        foreach (byte b in header)
        {
            await connection.SendAsync([b]);
            await Task.Yield();
        }

        await connection.SendAsync(Request);
        await connection.Peer.Output.CompleteAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(IPEndPoint.Parse("[2001:db8::7]:443"), app.RemoteEndPoint);
        Assert.Equal(Request, app.Received);
    }

    [Fact]
    public async Task A_local_header_keeps_the_vsock_peer()
    {
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Require, out var statistics, out _);
        var connection = PipeConnection.FromParent();
        await connection.SendAsync([.. ProxyProtocolV2.LocalHeader, .. Request]);
        await connection.Peer.Output.CompleteAsync();

        await middleware.OnConnectionAsync(connection.Context);

        Assert.Equal(new VsockEndPoint(3, 49152), app.RemoteEndPoint);
        Assert.Equal(Request, app.Received);
        Assert.Equal((0, 1), (statistics.Proxied, statistics.Local));
    }

    [Fact]
    public async Task Require_refuses_a_connection_without_a_header_before_the_application_sees_it()
    {
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Require, out var statistics, out var log);
        var connection = PipeConnection.FromParent();
        await connection.SendAsync(Request);

        await middleware.OnConnectionAsync(connection.Context);
        await connection.WaitUntilAbortedAsync();

        Assert.False(app.Called);
        Assert.Equal(1, statistics.RejectedFor(ProxyHeaderError.MissingHeader));
        string line = Assert.Single(log.At(LogLevel.Warning));
        Assert.Contains("from vsock://3:49152 refused: the connection does not start with a PROXY protocol v2 header (the PROXY protocol header is required on this listener)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_lets_a_connection_without_a_header_through_untouched()
    {
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Accept, out var statistics, out _);
        var connection = PipeConnection.FromParent();
        await connection.SendAsync(Request);
        await connection.Peer.Output.CompleteAsync();

        await middleware.OnConnectionAsync(connection.Context);

        Assert.Equal(new VsockEndPoint(3, 49152), app.RemoteEndPoint);
        Assert.Equal(Request, app.Received);
        Assert.Null(app.Feature);
        Assert.Equal((1, 0), (statistics.WithoutHeader, statistics.Rejected));
    }

    [Theory]
    [InlineData(ProxyProtocolMode.Accept)]
    [InlineData(ProxyProtocolMode.Require)]
    public async Task A_malformed_header_is_refused_in_either_mode(ProxyProtocolMode mode)
    {
        var app = new RecordingApplication();
        var middleware = Create(app, mode, out var statistics, out _);
        var connection = PipeConnection.FromParent();
        await connection.SendAsync([.. Convert.FromHexString("0d0a0d0a000d0a515549540a" + "21" + "11" + "0008" + "c0a80001c0a8000b"), .. Request]);

        await middleware.OnConnectionAsync(connection.Context);
        await connection.WaitUntilAbortedAsync();

        Assert.False(app.Called);
        Assert.Equal(1, statistics.RejectedFor(ProxyHeaderError.AddressBlockTooShort));
    }

    [Fact]
    public async Task An_oversized_length_is_refused_without_waiting_for_its_bytes()
    {
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Require, out var statistics, out _);
        var connection = PipeConnection.FromParent();
        await connection.SendAsync(Convert.FromHexString("0d0a0d0a000d0a515549540a" + "21" + "11" + "ffff"));

        await middleware.OnConnectionAsync(connection.Context).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.False(app.Called);
        Assert.Equal(1, statistics.RejectedFor(ProxyHeaderError.TooLong));
    }

    [Fact]
    public async Task A_connection_that_ends_inside_the_header_is_refused_as_truncated()
    {
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Require, out var statistics, out _);
        var connection = PipeConnection.FromParent();
        await connection.SendAsync(ProxyProtocolV2.CreateHeader(Client, ProxyListen)[..20]);
        await connection.Peer.Output.CompleteAsync();

        await middleware.OnConnectionAsync(connection.Context);

        Assert.False(app.Called);
        Assert.Equal(1, statistics.RejectedFor(ProxyHeaderError.Truncated));
    }

    [Fact]
    public async Task A_header_that_stalls_is_refused_when_the_timeout_runs_out()
    {
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Require, out var statistics, out _, headerTimeout: TimeSpan.FromMilliseconds(200));
        var connection = PipeConnection.FromParent();
        await connection.SendAsync(ProxyProtocolV2.CreateHeader(Client, ProxyListen)[..20]);

        await middleware.OnConnectionAsync(connection.Context).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.False(app.Called);
        Assert.Equal(1, statistics.RejectedFor(ProxyHeaderError.Timeout));
    }

    [Fact]
    public async Task A_listener_that_is_not_vsock_never_takes_the_header()
    {
        // On TCP any client could write a header and pick its own address: the middleware refuses to run there.
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Require, out var statistics, out _);
        var connection = new PipeConnection(IPEndPoint.Parse("127.0.0.1:5000"), IPEndPoint.Parse("127.0.0.1:40000"));
        await connection.SendAsync([.. ProxyProtocolV2.CreateHeader(Client, ProxyListen), .. Request]);

        await middleware.OnConnectionAsync(connection.Context);
        await connection.WaitUntilAbortedAsync();

        Assert.False(app.Called);
        Assert.Equal(1, statistics.RejectedFor(ProxyHeaderError.NotVsock));
    }

    [Fact]
    public async Task Off_passes_every_byte_through()
    {
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Off, out _, out _);
        var connection = PipeConnection.FromParent();
        byte[] header = ProxyProtocolV2.CreateHeader(Client, ProxyListen);
        await connection.SendAsync([.. header, .. Request]);
        await connection.Peer.Output.CompleteAsync();

        await middleware.OnConnectionAsync(connection.Context);

        Assert.Equal([.. header, .. Request], app.Received);
        Assert.Equal(new VsockEndPoint(3, 49152), app.RemoteEndPoint);
    }

    [Fact]
    public async Task Refusals_are_logged_once_per_interval_and_the_next_line_counts_those_in_between()
    {
        var clock = new ManualClock();
        var app = new RecordingApplication();
        var middleware = Create(app, ProxyProtocolMode.Require, out var statistics, out var log, clock: clock);

        for (int i = 0; i < 5; i++)
        {
            await RefuseOneAsync();
        }

        Assert.Single(log.At(LogLevel.Warning));
        clock.Advance(ProxyProtocolOptions.DefaultRejectionLogInterval);
        await RefuseOneAsync();

        var lines = log.At(LogLevel.Warning).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Contains("; 4 more refused since the last such line, 6 in all", lines[1], StringComparison.Ordinal);
        Assert.Equal(6, statistics.Rejected);

        async Task RefuseOneAsync()
        {
            var connection = PipeConnection.FromParent();
            await connection.SendAsync(Request);
            await middleware.OnConnectionAsync(connection.Context);
        }
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        ConnectionDelegate next = _ => Task.CompletedTask;
        var logger = new ListLogger();
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProxyProtocolMiddleware(next, new ProxyProtocolOptions { HeaderTimeout = TimeSpan.Zero }, logger));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProxyProtocolMiddleware(next, new ProxyProtocolOptions { MaxHeaderLength = 40 }, logger));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProxyProtocolMiddleware(next, new ProxyProtocolOptions { Mode = (ProxyProtocolMode)7 }, logger));
    }

    private static ProxyProtocolMiddleware Create(
        RecordingApplication app,
        ProxyProtocolMode mode,
        out ProxyProtocolStatistics statistics,
        out ListLogger log,
        TimeSpan? headerTimeout = null,
        TimeProvider? clock = null)
    {
        statistics = new ProxyProtocolStatistics();
        log = new ListLogger();
        var options = new ProxyProtocolOptions
        {
            Mode = mode,
            Statistics = statistics,
            HeaderTimeout = headerTimeout ?? ProxyProtocolOptions.DefaultHeaderTimeout,
            TimeProvider = clock ?? TimeProvider.System,
        };
        return new ProxyProtocolMiddleware(app.RunAsync, options, log);
    }

    /// <summary>The rest of the pipeline (TLS and HTTP in Kestrel): records what it was handed and reads to the end.</summary>
    private sealed class RecordingApplication
    {
        public bool Called { get; private set; }

        public EndPoint? RemoteEndPoint { get; private set; }

        public IProxyProtocolFeature? Feature { get; private set; }

        public byte[] Received { get; private set; } = [];

        public async Task RunAsync(ConnectionContext connection)
        {
            Called = true;
            RemoteEndPoint = connection.RemoteEndPoint;
            Feature = connection.Features.Get<IProxyProtocolFeature>();
            var all = new List<byte>();
            while (true)
            {
                var read = await connection.Transport.Input.ReadAsync(Ct);
                all.AddRange(read.Buffer.ToArray());
                connection.Transport.Input.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            Received = [.. all];
        }
    }
}
