using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.Relay;

/// <summary>The proxy loop: many connections, dial failures, the connection cap, logging.</summary>
public sealed class RelayServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Unix)]
    public async Task A_thousand_concurrent_connections_are_all_relayed(Transport transport)
    {
        const int Connections = 1000;
        await using var echo = new EchoServer(transport);
        // All from 127.0.0.1: the per-source cap (64 by default) is raised to let one address hold them all.
        await using var relay = new RunningRelayServer(transport, echo.EndPoint, new RelayServerOptions { MaxConnectionsPerSource = Connections });

        // All connect first and are held open together, then each sends, half-closes and checks its echo.
        var sockets = await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => relay.ConnectAsync()));
        try
        {
            await relay.WaitForActiveAsync(Connections);
            await Task.WhenAll(sockets.Select((socket, i) => EchoRoundTripAsync(socket, 2048 + i, seed: i)));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }

        await relay.WaitForActiveAsync(0);
        var summary = await relay.StopAsync();
        Assert.Equal(Connections, summary.Accepted);
        Assert.Equal(0, summary.Refused);
        Assert.Equal(0, summary.DialFailures);
        Assert.Equal(Connections, echo.Accepted);
        Assert.Equal(Connections, relay.Logger.At(LogLevel.Information).Count(l => l.Contains("closed (Completed)", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Unix)]
    public async Task A_failed_dial_closes_that_client_only_and_the_server_keeps_serving(Transport transport)
    {
        // An upstream whose listener serves one connection and then closes, so later dials are refused.
        var upstreamListener = TestSockets.Listen(transport);
        var upstreamAddress = upstreamListener.LocalEndPoint!;
        await using var relay = new RunningRelayServer(transport, upstreamAddress, new RelayServerOptions { DrainTimeout = TimeSpan.Zero });

        using var first = await relay.ConnectAsync();
        using var firstUpstream = await upstreamListener.AcceptAsync(Ct);
        upstreamListener.Dispose();

        using (var refused = await relay.ConnectAsync())
        {
            Assert.Equal(0, await refused.ReceiveAsync(new byte[8], SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }

        // The connection relayed before the failure is untouched.
        await ByteStreams.SendAllAsync(first, "still here"u8.ToArray(), Ct);
        Assert.Equal("still here"u8.ToArray(), await ByteStreams.ReceiveExactlyAsync(firstUpstream, 10, Ct));
        await ByteStreams.SendAllAsync(firstUpstream, "yes"u8.ToArray(), Ct);
        Assert.Equal("yes"u8.ToArray(), await ByteStreams.ReceiveExactlyAsync(first, 3, Ct));

        // The upstream comes back at the same address: new clients are served again.
        TestSockets.DeleteIfUnix(upstreamAddress);
        var again = new Socket(upstreamAddress.AddressFamily, SocketType.Stream, transport == Transport.Tcp ? ProtocolType.Tcp : ProtocolType.Unspecified);
        again.Bind(upstreamAddress);
        again.Listen();
        await using (var echo = new EchoServer(again))
        {
            using var later = await relay.ConnectAsync();
            await EchoRoundTripAsync(later, 4096, seed: 11);
        }

        var summary = await relay.StopAsync();
        Assert.Equal(1, summary.DialFailures);
        Assert.Single(relay.Logger.At(LogLevel.Warning), l => l.Contains("cannot connect to", StringComparison.Ordinal) && l.Contains("closed that client", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Unix)]
    public async Task Clients_beyond_the_maximum_are_closed_at_once_and_logged(Transport transport)
    {
        await using var echo = new EchoServer(transport);
        await using var relay = new RunningRelayServer(transport, echo.EndPoint, new RelayServerOptions { MaxConnections = 2, DrainTimeout = TimeSpan.Zero });

        var a = await relay.ConnectAsync();
        using var b = await relay.ConnectAsync();
        await relay.WaitForActiveAsync(2);
        using (var c = await relay.ConnectAsync())
        {
            Assert.Equal(0, await c.ReceiveAsync(new byte[8], SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }

        // The two admitted ones work; once one leaves, a new client is admitted.
        await EchoRoundTripAsync(b, 1000, seed: 1, halfClose: false);
        await EchoRoundTripAsync(a, 1000, seed: 2);
        a.Dispose();
        await relay.WaitForActiveAsync(1);
        using var d = await relay.ConnectAsync();
        await EchoRoundTripAsync(d, 1000, seed: 3);

        var summary = await relay.StopAsync();
        Assert.Equal(1, summary.Refused);
        Assert.Contains(relay.Logger.At(LogLevel.Warning), l => l.Contains("refused: 2 connections are open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_drains_open_connections_then_closes_those_left()
    {
        await using var echo = new EchoServer(Transport.Tcp);
        await using var relay = new RunningRelayServer(Transport.Tcp, echo.EndPoint, new RelayServerOptions { DrainTimeout = TimeSpan.FromSeconds(1) });
        using var open = await relay.ConnectAsync();
        await EchoRoundTripAsync(open, 100, seed: 4, halfClose: false);

        var stopping = relay.StopAsync();

        // Draining: no new clients, but the open one still works.
        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            while (true)
            {
                using var late = await relay.ConnectAsync();
                await Task.Delay(20, Ct);
            }
        });
        Assert.False(stopping.IsCompleted);
        await EchoRoundTripAsync(open, 100, seed: 5, halfClose: false);

        var summary = await stopping.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(1, summary.ClosedAfterDrain);
        Assert.Equal(0, await open.ReceiveAsync(new byte[8], SocketFlags.None, Ct));
        Assert.Contains(relay.Logger.At(LogLevel.Information), l => l.Contains("closed (Canceled)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_returns_as_soon_as_the_last_connection_ends()
    {
        await using var echo = new EchoServer(Transport.Unix);
        await using var relay = new RunningRelayServer(Transport.Unix, echo.EndPoint, new RelayServerOptions { DrainTimeout = TimeSpan.FromMinutes(5) });
        var open = await relay.ConnectAsync();
        await relay.WaitForActiveAsync(1);

        var stopping = relay.StopAsync();
        await Task.Delay(200, Ct);
        Assert.False(stopping.IsCompleted);
        await EchoRoundTripAsync(open, 500, seed: 6);
        open.Dispose();

        var summary = await stopping.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(0, summary.ClosedAfterDrain);
        Assert.Equal(1, summary.Accepted);
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        using var listener = TestSockets.Listen(Transport.Tcp);
        var upstream = listener.LocalEndPoint!;
        var logger = new ListLogger();
        Assert.Throws<ArgumentOutOfRangeException>(() => new RelayServer(listener, upstream, new RelayServerOptions { MaxConnections = 0 }, logger));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RelayServer(listener, upstream, new RelayServerOptions { ConnectTimeout = TimeSpan.Zero }, logger));
        Assert.Throws<ArgumentException>(() => new RelayServer(listener, new UnsupportedEndPoint(), new RelayServerOptions(), logger));
    }

    private sealed class UnsupportedEndPoint : System.Net.EndPoint;

    /// <summary>Sends <paramref name="size"/> bytes, optionally half-closes, and checks the echo byte for byte.</summary>
    private static async Task EchoRoundTripAsync(Socket socket, int size, int seed, bool halfClose = true)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        var echoed = halfClose
            ? ReceiveAllAsync(socket)
            : ByteStreams.ReceiveExactlyAsync(socket, size, Ct);
        await ByteStreams.SendAllAsync(socket, data, Ct);
        if (halfClose)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        Assert.Equal(data, await echoed.WaitAsync(TimeSpan.FromSeconds(30), Ct));
    }

    private static async Task<byte[]> ReceiveAllAsync(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, Ct)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }
}
