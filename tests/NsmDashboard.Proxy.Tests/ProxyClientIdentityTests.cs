using System.Net;
using System.Net.Sockets;
using NsmDashboard.Vsock;

namespace NsmDashboard.Proxy.Tests;

/// <summary>
/// What nsm-proxy tells and limits about clients: the PROXY v2 header upstream (--proxy-protocol), the per-source
/// connection cap (--max-connections-per-source), and the warning for a listen address that is not loopback.
/// </summary>
public sealed class ProxyClientIdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Proxy_protocol_on_sends_the_clients_address_before_its_first_byte()
    {
        using var upstream = Sockets.ListenTcp();
        await using var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstream.LocalEndPoint}", "--proxy-protocol", "on");

        using var client = await proxy.ConnectAsync();
        await Sockets.SendAllAsync(client, "GET / HTTP/1.1\r\n"u8.ToArray());
        using var accepted = await upstream.AcceptAsync(Ct);
        byte[] received = await Sockets.ReceiveExactlyAsync(accepted, 28 + 16);

        var header = ProxyProtocolV2.Parse(received);
        Assert.Equal((ProxyCommand.Proxy, client.LocalEndPoint), (header.Command, header.Source));
        Assert.Equal(proxy.EndPoint, header.Destination);
        Assert.Equal("GET / HTTP/1.1\r\n"u8.ToArray(), received[header.Length..]);
        Assert.Contains("with a PROXY protocol v2 header", proxy.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tcp_upstream_gets_no_header_unless_asked()
    {
        using var upstream = Sockets.ListenTcp();
        await using var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstream.LocalEndPoint}");

        using var client = await proxy.ConnectAsync();
        await Sockets.SendAllAsync(client, "GET"u8.ToArray());
        using var accepted = await upstream.AcceptAsync(Ct);

        Assert.Equal("GET"u8.ToArray(), await Sockets.ReceiveExactlyAsync(accepted, 3));
        Assert.Contains("without a PROXY protocol v2 header", proxy.Log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "vsock://16:5000", true)]
    [InlineData(null, "tcp://127.0.0.1:5000", false)]
    [InlineData(null, "unix:/run/dashboard.sock", false)]
    [InlineData(true, "tcp://127.0.0.1:5000", true)]
    [InlineData(false, "vsock://16:5000", false)]
    public void Auto_means_on_for_vsock_upstreams_only(bool? setting, string upstream, bool sends)
    {
        Assert.Equal(sends, ProxyApp.SendsProxyHeader(setting, AddressText.ParseUpstream(upstream)));
    }

    [Fact]
    public async Task One_address_is_capped_while_another_still_gets_in()
    {
        using var upstream = Sockets.ListenTcp();
        var echo = Sockets.EchoAsync(upstream);
        await using var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstream.LocalEndPoint}", "--max-connections-per-source", "1", "--drain-timeout", "0s");

        using var admitted = await proxy.ConnectFromAsync("127.0.0.1");
        await Sockets.EchoRoundTripAsync(admitted, 100, seed: 1, halfClose: false);
        using (var refused = await proxy.ConnectFromAsync("127.0.0.1"))
        {
            Assert.Equal(0, await refused.ReceiveAsync(new byte[8], SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }

        using var other = await proxy.ConnectFromAsync("127.0.0.2");
        await Sockets.EchoRoundTripAsync(other, 100, seed: 2, halfClose: false);
        await Sockets.EchoRoundTripAsync(admitted, 100, seed: 3, halfClose: false);

        Assert.Contains("refused: 1 connections from 127.0.0.1 are open (the maximum per source address)", proxy.Log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await proxy.StopAsync());
        Assert.Contains("1 refused at the per-source limit", proxy.Log.ToString(), StringComparison.Ordinal);
        upstream.Dispose();
        await echo;
    }

    [Fact]
    public async Task The_default_per_source_cap_is_64_and_is_announced()
    {
        using var upstream = Sockets.ListenTcp();
        await using var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstream.LocalEndPoint}");

        Assert.Equal(64, RelayServerOptions.DefaultMaxConnectionsPerSource);
        await proxy.Log.WaitForAsync("(at most 4096 connections, 64 per source address)");
    }

    [Fact]
    public async Task Listening_beyond_loopback_warns_that_anyone_who_reaches_the_port_reaches_the_dashboard()
    {
        using var upstream = Sockets.ListenTcp();
        await using var proxy = await RunningProxy.StartAsync("--listen", "0.0.0.0:0", "--to", $"tcp://{upstream.LocalEndPoint}");

        await proxy.Log.WaitForAsync("which is not a loopback address: anyone who can reach this port reaches the dashboard");
        Assert.Contains("ssh -L 8443:127.0.0.1:8443", proxy.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listening_on_loopback_does_not_warn()
    {
        using var upstream = Sockets.ListenTcp();
        await using var proxy = await RunningProxy.StartAsync("--to", $"tcp://{upstream.LocalEndPoint}");

        await proxy.Log.WaitForAsync("Listening on");
        Assert.DoesNotContain("not a loopback address", proxy.Log.ToString(), StringComparison.Ordinal);
    }
}
