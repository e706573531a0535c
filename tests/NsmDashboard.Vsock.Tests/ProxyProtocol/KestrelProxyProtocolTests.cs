using System.Net;
using System.Net.Sockets;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.ProxyProtocol;

/// <summary>
/// The whole chain on the host: a TCP client, the relay (nsm-proxy's core) writing the PROXY header, and real Kestrel
/// on a vsock endpoint (the stand-in transport: TCP underneath, vsock endpoints on top) with the middleware before TLS.
/// The same chain over real vsock runs in the rig VM (Vsock/ProxyProtocolOnVsockTests).
/// </summary>
public sealed class KestrelProxyProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Through_the_relay_the_application_sees_the_tcp_clients_address(bool tls)
    {
        var transport = new StandInVsockTransport();
        using var certificate = tls ? ProxiedKestrel.CreateCertificate() : null;
        await using var kestrel = await ProxiedKestrel.StartAsync(transport, ProxyProtocolMode.Require, certificate);
        await using var relay = new RunningRelayServer(Transport.Tcp, await transport.TcpEndPoint, new RelayServerOptions { SendProxyProtocolHeader = true });

        using var client = await relay.ConnectAsync();
        string peer = await ProxiedKestrel.GetPeerAsync(client, certificate);

        Assert.Equal(client.LocalEndPoint!.ToString(), peer);
        Assert.Equal(1, kestrel.Statistics.Proxied);
    }

    [Fact]
    public async Task Every_connection_through_the_relay_carries_its_own_client()
    {
        var transport = new StandInVsockTransport();
        await using var kestrel = await ProxiedKestrel.StartAsync(transport, ProxyProtocolMode.Require);
        await using var relay = new RunningRelayServer(Transport.Tcp, await transport.TcpEndPoint, new RelayServerOptions { SendProxyProtocolHeader = true });

        // Clients from three loopback addresses (all of 127.0.0.0/8 is local on Linux).
        foreach (string address in (string[])["127.0.0.1", "127.0.0.2", "127.0.0.3"])
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await client.ConnectAsync(relay.EndPoint, Ct);
            Assert.Equal(client.LocalEndPoint!.ToString(), await ProxiedKestrel.GetPeerAsync(client, certificate: null));
        }

        Assert.Equal(3, kestrel.Statistics.Proxied);
    }

    [Fact]
    public async Task Require_closes_a_connection_that_bypasses_the_relay_without_an_answer()
    {
        var transport = new StandInVsockTransport();
        await using var kestrel = await ProxiedKestrel.StartAsync(transport, ProxyProtocolMode.Require);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(await transport.TcpEndPoint, Ct);
        await client.SendAsync("GET /peer HTTP/1.1\r\nHost: enclave\r\n\r\n"u8.ToArray(), SocketFlags.None, Ct);

        Assert.Empty(await ReceiveUntilClosedAsync(client));
        Assert.Equal(1, kestrel.Statistics.RejectedFor(ProxyHeaderError.MissingHeader));
        Assert.Contains(kestrel.Log.Lines, l => l.Message.Contains("from vsock://3:", StringComparison.Ordinal) && l.Message.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accept_serves_a_connection_without_a_header_with_no_ip_address()
    {
        var transport = new StandInVsockTransport();
        await using var kestrel = await ProxiedKestrel.StartAsync(transport, ProxyProtocolMode.Accept);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(await transport.TcpEndPoint, Ct);

        Assert.Equal("none", await ProxiedKestrel.GetPeerAsync(client, certificate: null));
        Assert.Equal(1, kestrel.Statistics.WithoutHeader);
    }

    [Fact]
    public async Task A_forged_second_header_after_the_relays_is_just_bytes_of_the_request()
    {
        // A client behind the relay that writes its own header: the relay's comes first and is the only one read;
        // the client's reaches HTTP, which refuses it. Its chosen address is never used.
        var transport = new StandInVsockTransport();
        await using var kestrel = await ProxiedKestrel.StartAsync(transport, ProxyProtocolMode.Require);
        await using var relay = new RunningRelayServer(Transport.Tcp, await transport.TcpEndPoint, new RelayServerOptions { SendProxyProtocolHeader = true });

        using var client = await relay.ConnectAsync();
        byte[] forged = ProxyProtocolV2.CreateHeader(IPEndPoint.Parse("198.51.100.1:1"), IPEndPoint.Parse("10.0.0.5:8443"));
        byte[] request = [.. forged, .. "GET /peer HTTP/1.1\r\nHost: enclave\r\n\r\n"u8.ToArray()];
        await client.SendAsync(request, SocketFlags.None, Ct);
        string response = System.Text.Encoding.ASCII.GetString(await ReceiveUntilClosedAsync(client));

        Assert.StartsWith("HTTP/1.1 400 Bad Request", response, StringComparison.Ordinal);
        Assert.DoesNotContain("198.51.100.1", response, StringComparison.Ordinal);
        Assert.Equal(1, kestrel.Statistics.Proxied);
    }

    private static async Task<byte[]> ReceiveUntilClosedAsync(Socket client)
    {
        using var all = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await client.ReceiveAsync(buffer, SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct)) > 0)
            {
                all.Write(buffer, 0, read);
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Refused by an abort: a reset is as good as a close here.
        }

        return all.ToArray();
    }
}
