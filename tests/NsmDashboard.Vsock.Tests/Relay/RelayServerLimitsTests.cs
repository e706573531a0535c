using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.Relay;

/// <summary>What nsm-proxy adds for the dashboard: the PROXY header upstream, and the per-source connection cap.</summary>
public sealed class RelayServerLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_proxy_header_reaches_the_upstream_before_any_byte_of_the_clients()
    {
        using var upstream = TestSockets.Listen(Transport.Tcp);
        await using var relay = new RunningRelayServer(Transport.Tcp, upstream.LocalEndPoint!, new RelayServerOptions { SendProxyProtocolHeader = true });

        using var client = await relay.ConnectAsync();
        await ByteStreams.SendAllAsync(client, "hello"u8.ToArray(), Ct);
        using var accepted = await upstream.AcceptAsync(Ct);
        byte[] received = await ByteStreams.ReceiveExactlyAsync(accepted, 28 + 5, Ct);

        var header = ProxyProtocolV2.Parse(received);
        Assert.Equal(28, header.Length);
        Assert.Equal(client.LocalEndPoint, header.Source);
        Assert.Equal(relay.EndPoint, header.Destination);
        Assert.Equal("hello"u8.ToArray(), received[28..]);
    }

    [Fact]
    public async Task Without_the_option_the_upstream_gets_the_clients_bytes_only()
    {
        using var upstream = TestSockets.Listen(Transport.Tcp);
        await using var relay = new RunningRelayServer(Transport.Tcp, upstream.LocalEndPoint!);

        using var client = await relay.ConnectAsync();
        await ByteStreams.SendAllAsync(client, "hello"u8.ToArray(), Ct);
        using var accepted = await upstream.AcceptAsync(Ct);

        Assert.Equal("hello"u8.ToArray(), await ByteStreams.ReceiveExactlyAsync(accepted, 5, Ct));
    }

    [Fact]
    public async Task One_source_cannot_hold_more_than_its_share_while_others_still_get_in()
    {
        await using var echo = new EchoServer(Transport.Tcp);
        await using var relay = new RunningRelayServer(Transport.Tcp, echo.EndPoint, new RelayServerOptions { MaxConnectionsPerSource = 2, DrainTimeout = TimeSpan.Zero });

        var first = await ConnectFromAsync("127.0.0.1", relay.EndPoint);
        using var second = await ConnectFromAsync("127.0.0.1", relay.EndPoint);
        await relay.WaitForActiveAsync(2);
        using (var third = await ConnectFromAsync("127.0.0.1", relay.EndPoint))
        {
            Assert.Equal(0, await third.ReceiveAsync(new byte[8], SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }

        // Another address is not affected.
        using var other = await ConnectFromAsync("127.0.0.2", relay.EndPoint);
        await RoundTripAsync(other);

        // Once one of the first two leaves, the address gets a slot back.
        first.Dispose();
        await relay.WaitForActiveAsync(2);
        using var again = await ConnectFromAsync("127.0.0.1", relay.EndPoint);
        await RoundTripAsync(again);

        var summary = await relay.StopAsync();
        Assert.Equal((1, 0), (summary.RefusedPerSource, summary.Refused));
        Assert.Contains(relay.Logger.At(LogLevel.Warning), l => l.Contains("refused: 2 connections from 127.0.0.1 are open (the maximum per source address)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_flood_of_refused_clients_gives_one_log_line_per_interval()
    {
        var clock = new ManualClock();
        await using var echo = new EchoServer(Transport.Tcp);
        var options = new RelayServerOptions { MaxConnectionsPerSource = 1, DrainTimeout = TimeSpan.Zero, Relay = new RelayOptions { TimeProvider = clock } };
        await using var relay = new RunningRelayServer(Transport.Tcp, echo.EndPoint, options);
        using var holder = await relay.ConnectAsync();
        await relay.WaitForActiveAsync(1);

        for (int i = 0; i < 5; i++)
        {
            await ConnectAndGetRefusedAsync();
        }

        Assert.Single(relay.Logger.At(LogLevel.Warning));
        clock.Advance(RelayServerOptions.DefaultRefusalLogInterval);
        await ConnectAndGetRefusedAsync();

        var lines = relay.Logger.At(LogLevel.Warning).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("; 4 more refused since the last such line", lines[1], StringComparison.Ordinal);
        Assert.Equal(6, (await relay.StopAsync()).RefusedPerSource);

        async Task ConnectAndGetRefusedAsync()
        {
            using var refused = await relay.ConnectAsync();
            Assert.Equal(0, await refused.ReceiveAsync(new byte[8], SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }
    }

    [Fact]
    public async Task Unix_clients_have_no_per_source_limit()
    {
        await using var echo = new EchoServer(Transport.Unix);
        await using var relay = new RunningRelayServer(Transport.Unix, echo.EndPoint, new RelayServerOptions { MaxConnectionsPerSource = 1 });

        using var a = await relay.ConnectAsync();
        using var b = await relay.ConnectAsync();
        await RoundTripAsync(a);
        await RoundTripAsync(b);
    }

    [Theory]
    [InlineData("[::ffff:10.1.2.3]:5000", "10.1.2.3:0")]
    [InlineData("10.1.2.3:6000", "10.1.2.3:0")]
    [InlineData("[2001:db8::1]:7000", "[2001:db8::1]:0")]
    public void Ip_sources_are_counted_by_address_with_ipv4_clients_of_dual_mode_sockets_as_ipv4(string client, string source)
    {
        Assert.Equal(IPEndPoint.Parse(source), RelayServer.SourceOf(IPEndPoint.Parse(client)));
    }

    [Fact]
    public void Vsock_sources_are_counted_by_cid_and_unix_ones_not_at_all()
    {
        Assert.Equal(new VsockEndPoint(3, 0), RelayServer.SourceOf(new VsockEndPoint(3, 49152)));
        Assert.Null(RelayServer.SourceOf(new UnixDomainSocketEndPoint("/run/x.sock")));
        Assert.Null(RelayServer.SourceOf(null));
    }

    [Fact]
    public void A_per_source_limit_below_one_is_refused()
    {
        using var listener = TestSockets.Listen(Transport.Tcp);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RelayServer(listener, listener.LocalEndPoint!, new RelayServerOptions { MaxConnectionsPerSource = 0 }, new ListLogger()));
    }

    private static async Task<Socket> ConnectFromAsync(string address, EndPoint relay)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        await socket.ConnectAsync(relay, Ct);
        return socket;
    }

    private static async Task RoundTripAsync(Socket socket)
    {
        await ByteStreams.SendAllAsync(socket, "ping"u8.ToArray(), Ct);
        Assert.Equal("ping"u8.ToArray(), await ByteStreams.ReceiveExactlyAsync(socket, 4, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }
}
