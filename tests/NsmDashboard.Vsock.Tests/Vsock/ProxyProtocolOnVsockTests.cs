using System.Net.Sockets;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.Vsock;

/// <summary>
/// The dashboard's path over real vsock: TCP client → relay (nsm-proxy's core, writing the PROXY v2 header) → vsock →
/// Kestrel on <see cref="VsockConnectionListenerFactory"/> with the PROXY middleware before TLS. Runs in the rig VM.
/// </summary>
[Trait("Category", VsockLoopback.Category)]
public sealed class ProxyProtocolOnVsockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Through_the_relay_over_vsock_the_application_sees_the_tcp_clients_address(bool tls)
    {
        VsockLoopback.RequireOrSkip();
        using var certificate = tls ? ProxiedKestrel.CreateCertificate() : null;
        await using var kestrel = await ProxiedKestrel.StartAsync(new VsockConnectionListenerFactory(), ProxyProtocolMode.Require, certificate);
        await using var relay = new RunningRelayServer(Transport.Tcp, LocalTarget(kestrel), new RelayServerOptions { SendProxyProtocolHeader = true });

        using var client = await relay.ConnectAsync();

        Assert.Equal(client.LocalEndPoint!.ToString(), await ProxiedKestrel.GetPeerAsync(client, certificate));
        Assert.Equal(1, kestrel.Statistics.Proxied);
    }

    [Fact]
    public async Task A_vsock_client_without_the_header_is_closed_without_an_answer()
    {
        VsockLoopback.RequireOrSkip();
        await using var kestrel = await ProxiedKestrel.StartAsync(new VsockConnectionListenerFactory(), ProxyProtocolMode.Require);

        using var client = await VsockSocket.ConnectAsync(LocalTarget(kestrel), Ct);
        await ByteStreams.SendAllAsync(client, "GET /peer HTTP/1.1\r\nHost: enclave\r\n\r\n"u8.ToArray(), Ct);

        Assert.Equal(0, await ReceivedBeforeCloseAsync(client));
        Assert.Equal(1, kestrel.Statistics.RejectedFor(ProxyHeaderError.MissingHeader));
    }

    [Fact]
    public async Task A_local_header_over_vsock_is_served_with_no_ip_address()
    {
        VsockLoopback.RequireOrSkip();
        await using var kestrel = await ProxiedKestrel.StartAsync(new VsockConnectionListenerFactory(), ProxyProtocolMode.Require);

        using var client = await VsockSocket.ConnectAsync(LocalTarget(kestrel), Ct);
        await ByteStreams.SendAllAsync(client, ProxyProtocolV2.LocalHeader.ToArray(), Ct);

        Assert.Equal("none", await ProxiedKestrel.GetPeerAsync(client, certificate: null));
        Assert.Equal(1, kestrel.Statistics.Local);
    }

    // Bytes received until the peer closed (FIN) or reset the connection; an abort may end it either way.
    private static async Task<long> ReceivedBeforeCloseAsync(Socket client)
    {
        try
        {
            return (await ByteStreams.ReceiveToEndAsync(client, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct)).Count;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0;
        }
    }

    // Kestrel reports the bound address as http(s):// + the endpoint, with the port the kernel chose; dial it on CID 1.
    private static VsockEndPoint LocalTarget(ProxiedKestrel kestrel)
    {
        string address = kestrel.Address;
        var bound = VsockEndPoint.Parse(address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..]);
        return new VsockEndPoint(VsockCid.Local, bound.Port);
    }
}
