using System.Net;
using System.Net.Sockets;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.Vsock;

/// <summary>The relay between vsock and TCP, both ways: what nsm-proxy (TCP → vsock) and an in-enclave bridge (vsock → TCP) do.</summary>
[Trait("Category", VsockLoopback.Category)]
public sealed class VsockRelayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Vsock_clients_are_relayed_to_a_tcp_server()
    {
        VsockLoopback.RequireOrSkip();
        await using var echo = new EchoServer(Transport.Tcp);
        var listener = VsockListener.Start(new VsockEndPoint(VsockCid.Any, VsockEndPoint.AnyPort));
        var target = new VsockEndPoint(VsockCid.Local, listener.LocalEndPoint.Port);
        var logger = new ListLogger();
        using var server = new RelayServer(listener, echo.EndPoint, new RelayServerOptions { DrainTimeout = TimeSpan.Zero }, logger);
        using var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);

        using (var client = await VsockSocket.ConnectAsync(target, Ct))
        {
            await RoundTripAsync(client, 8 * 1024 * 1024);
        }

        await stop.CancelAsync();
        var summary = await running.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(1, summary.Accepted);
        Assert.Contains(logger.Lines, l => l.Message.Contains("vsock://1:", StringComparison.Ordinal) && l.Message.Contains("closed (Completed)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tcp_clients_are_relayed_to_a_vsock_server_and_a_dial_failure_closes_only_that_client()
    {
        VsockLoopback.RequireOrSkip();
        var vsockServer = VsockListener.Start(new VsockEndPoint(VsockCid.Any, VsockEndPoint.AnyPort));
        var upstream = new VsockEndPoint(VsockCid.Local, vsockServer.LocalEndPoint.Port);
        using var stopEcho = new CancellationTokenSource();
        var echoing = Task.Run(async () =>
        {
            var echoes = new List<Task>();
            while (await vsockServer.AcceptAsync(stopEcho.Token) is { } accepted)
            {
                echoes.Add(EchoServer.EchoAsync(accepted.Socket, stopEcho.Token));
            }

            await Task.WhenAll(echoes);
        }, Ct);

        var tcpListener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcpListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        tcpListener.Listen();
        var logger = new ListLogger();
        using var server = new RelayServer(tcpListener, upstream, new RelayServerOptions { DrainTimeout = TimeSpan.Zero }, logger);
        using var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);

        // Many at once, each checked by hash.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var client = await TestSockets.ConnectAsync(server.LocalEndPoint, Ct);
            await RoundTripAsync(client, 64 * 1024 + i);
        }));

        // The enclave side goes away: the next client is closed, the proxy itself stays up.
        vsockServer.Dispose();
        using (var refused = await TestSockets.ConnectAsync(server.LocalEndPoint, Ct))
        {
            Assert.Equal(0, await refused.ReceiveAsync(new byte[8], SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }

        await stop.CancelAsync();
        var summary = await running.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(51, summary.Accepted);
        Assert.Equal(1, summary.DialFailures);
        Assert.Contains(logger.Lines, l => l.Message.Contains("ECONNRESET", StringComparison.Ordinal));
        await stopEcho.CancelAsync();
        await echoing.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    // Send, half-close, and read the echo back to the FIN: the hash must match.
    private static async Task RoundTripAsync(Socket client, long size)
    {
        var echoed = ByteStreams.ReceiveToEndAsync(client, Ct);
        byte[] sent = await ByteStreams.SendAsync(client, size, seed: (int)size, cancellationToken: Ct);
        client.Shutdown(SocketShutdown.Send);
        var received = await echoed.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(size, received.Count);
        Assert.Equal(sent, received.Sha256);
    }
}
