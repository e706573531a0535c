using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Proxy.Tests;

/// <summary>nsm-proxy in process with --to tcp://: relaying, the connection cap, dial failures, SIGTERM-like drain.</summary>
public sealed class ProxyRelayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Relays_bytes_both_ways_with_half_close_and_logs_one_line_per_connection()
    {
        using var upstream = Sockets.ListenTcp();
        string upstreamAddress = upstream.LocalEndPoint!.ToString()!;
        var echo = Sockets.EchoAsync(upstream);
        await using var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstreamAddress}");

        using (var client = await proxy.ConnectAsync())
        {
            await Sockets.EchoRoundTripAsync(client, 3 * 1024 * 1024, seed: 1);
        }

        await proxy.Log.WaitForAsync("closed (Completed)");
        Assert.Equal(0, await proxy.StopAsync());
        upstream.Dispose();
        await echo;

        string log = proxy.Log.ToString();
        Assert.Contains($"relaying to tcp://{upstreamAddress}", log, StringComparison.Ordinal);
        Assert.Contains("3145728 bytes up, 3145728 bytes down", log, StringComparison.Ordinal);
        Assert.Contains("Stopped: 1 connections accepted", log, StringComparison.Ordinal);
        Assert.DoesNotContain(" debug ", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_logging_adds_the_accept_and_dial_lines()
    {
        using var upstream = Sockets.ListenTcp();
        string upstreamAddress = upstream.LocalEndPoint!.ToString()!;
        var echo = Sockets.EchoAsync(upstream);
        await using var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstreamAddress}", "--log-level", "debug");

        using (var client = await proxy.ConnectAsync())
        {
            await Sockets.EchoRoundTripAsync(client, 10, seed: 2);
        }

        await proxy.Log.WaitForAsync("closed (Completed)");
        Assert.Equal(0, await proxy.StopAsync());
        upstream.Dispose();
        await echo;
        Assert.Contains("#1 accepted from tcp://127.0.0.1:", proxy.Log.ToString(), StringComparison.Ordinal);
        Assert.Contains($"#1 connected to tcp://{upstreamAddress} in ", proxy.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_beyond_max_connections_are_closed_at_once()
    {
        using var upstream = Sockets.ListenTcp();
        var echo = Sockets.EchoAsync(upstream);
        await using var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstream.LocalEndPoint}", "--max-connections", "1", "--drain-timeout", "0s");

        using var admitted = await proxy.ConnectAsync();
        await Sockets.EchoRoundTripAsync(admitted, 100, seed: 3, halfClose: false);
        using (var refused = await proxy.ConnectAsync())
        {
            Assert.Equal(0, await refused.ReceiveAsync(new byte[8], SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }

        await Sockets.EchoRoundTripAsync(admitted, 100, seed: 4, halfClose: false);
        Assert.Contains("refused: 1 connections are open (the maximum)", proxy.Log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await proxy.StopAsync());
        upstream.Dispose();
        await echo;
    }

    [Fact]
    public async Task A_dial_failure_closes_that_client_and_the_proxy_keeps_running()
    {
        // Bound but not listening: connections to it are refused.
        using var nothing = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        nothing.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var proxy = await RunningProxy.StartAsync("--to", $"tcp://{nothing.LocalEndPoint}");

        for (int i = 0; i < 3; i++)
        {
            using var client = await proxy.ConnectAsync();
            Assert.Equal(0, await client.ReceiveAsync(new byte[8], SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }

        await proxy.Log.WaitForAsync("#3 from");
        Assert.False(proxy.Run.IsCompleted);
        Assert.Contains($"cannot connect to tcp://{nothing.LocalEndPoint}", proxy.Log.ToString(), StringComparison.Ordinal);
        Assert.Contains("closed that client", proxy.Log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await proxy.StopAsync());
        Assert.Contains("3 dial failures", proxy.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_drains_open_connections_then_closes_them_and_exits_0()
    {
        using var upstream = Sockets.ListenTcp();
        var echo = Sockets.EchoAsync(upstream);
        var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstream.LocalEndPoint}", "--drain-timeout", "1500ms");
        using var open = await proxy.ConnectAsync();
        await Sockets.EchoRoundTripAsync(open, 100, seed: 5, halfClose: false);

        var exiting = proxy.StopAsync();
        await proxy.Log.WaitForAsync("Stopped accepting; waiting up to");

        // Draining: the open connection still works, new clients are turned away.
        await Sockets.EchoRoundTripAsync(open, 100, seed: 6, halfClose: false);
        await Assert.ThrowsAnyAsync<SocketException>(() => Sockets.ConnectAsync(proxy.EndPoint));
        Assert.False(exiting.IsCompleted);

        Assert.Equal(0, await exiting);
        Assert.Equal(0, await open.ReceiveAsync(new byte[8], SocketFlags.None, Ct));
        Assert.Contains("Closing 1 connections still open", proxy.Log.ToString(), StringComparison.Ordinal);
        await proxy.DisposeAsync();
        upstream.Dispose();
        await echo;
    }

    [Fact]
    public async Task Stop_returns_when_the_last_connection_ends_before_the_drain_timeout()
    {
        using var upstream = Sockets.ListenTcp();
        var echo = Sockets.EchoAsync(upstream);
        var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstream.LocalEndPoint}", "--drain-timeout", "5m");
        var open = await proxy.ConnectAsync();
        await Sockets.EchoRoundTripAsync(open, 10, seed: 7, halfClose: false);

        var exiting = proxy.StopAsync();
        await proxy.Log.WaitForAsync("Stopped accepting");
        await Sockets.EchoRoundTripAsync(open, 10, seed: 8);
        open.Dispose();

        Assert.Equal(0, await exiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Contains("0 closed when the drain timeout ran out", proxy.Log.ToString(), StringComparison.Ordinal);
        await proxy.DisposeAsync();
        upstream.Dispose();
        await echo;
    }

    [Fact]
    public async Task The_idle_timeout_closes_a_silent_connection()
    {
        using var upstream = Sockets.ListenTcp();
        var echo = Sockets.EchoAsync(upstream);
        await using var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstream.LocalEndPoint}", "--idle-timeout", "300ms");

        using var client = await proxy.ConnectAsync();
        await Sockets.EchoRoundTripAsync(client, 10, seed: 9, halfClose: false);
        Assert.Equal(0, await client.ReceiveAsync(new byte[8], SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await proxy.Log.WaitForAsync("closed (IdleTimeout)");
        Assert.Equal(0, await proxy.StopAsync());
        upstream.Dispose();
        await echo;
    }

    [Fact]
    public async Task A_listen_address_in_use_exits_1_with_a_clear_message()
    {
        using var taken = Sockets.ListenTcp();
        var log = new LogCapture();

        int code = await ProxyApp.RunAsync(["--listen", taken.LocalEndPoint!.ToString()!, "--to", "tcp://127.0.0.1:9"], TextWriter.Null, log, Ct);

        Assert.Equal(1, code);
        Assert.Contains($"nsm-proxy: cannot listen on {taken.LocalEndPoint}", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("another program", log.ToString(), StringComparison.Ordinal);
    }
}
