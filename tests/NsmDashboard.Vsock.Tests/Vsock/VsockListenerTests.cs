using System.Net.Sockets;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.Vsock;

/// <summary>The P/Invoke listener and client over real AF_VSOCK (loopback, CID 1).</summary>
[Trait("Category", VsockLoopback.Category)]
public sealed class VsockListenerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepts_a_connection_and_carries_bytes_and_half_close_both_ways()
    {
        VsockLoopback.RequireOrSkip();
        using var listener = VsockListener.Start(new VsockEndPoint(VsockCid.Any, VsockEndPoint.AnyPort));
        Assert.NotEqual(VsockEndPoint.AnyPort, listener.LocalEndPoint.Port);

        var accepting = listener.AcceptAsync(Ct).AsTask();
        using var client = await VsockSocket.ConnectAsync(new VsockEndPoint(VsockCid.Local, listener.LocalEndPoint.Port), Ct);
        var accepted = Assert.NotNull(await accepting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        using var server = accepted.Socket;

        Assert.Equal(VsockCid.Local, accepted.RemoteEndPoint.Cid);
        Assert.Equal(listener.LocalEndPoint.Port, accepted.LocalEndPoint.Port);
        Assert.True(client.Blocking);

        // Client → server, then FIN; the server still answers after it (half-close).
        var requestReceiving = ByteStreams.ReceiveToEndAsync(server, Ct);
        byte[] request = await ByteStreams.SendAsync(client, 1_000_000, seed: 1, cancellationToken: Ct);
        client.Shutdown(SocketShutdown.Send);
        Assert.Equal(request, (await requestReceiving).Sha256);

        var replyReceiving = ByteStreams.ReceiveToEndAsync(client, Ct);
        byte[] reply = await ByteStreams.SendAsync(server, 2_000_000, seed: 2, cancellationToken: Ct);
        server.Shutdown(SocketShutdown.Send);
        var replySeen = await replyReceiving;
        Assert.Equal(2_000_000, replySeen.Count);
        Assert.Equal(reply, replySeen.Sha256);
    }

    [Fact]
    public async Task Connecting_to_a_port_nobody_listens_on_is_a_typed_error()
    {
        VsockLoopback.RequireOrSkip();
        uint port;
        using (var listener = VsockListener.Start(new VsockEndPoint(VsockCid.Local, VsockEndPoint.AnyPort)))
        {
            port = listener.LocalEndPoint.Port;
        }

        var error = await Assert.ThrowsAsync<VsockException>(() => VsockSocket.ConnectAsync(new VsockEndPoint(VsockCid.Local, port), Ct));

        Assert.Equal("connect", error.Operation);
        Assert.Equal("ECONNRESET", error.ErrnoName);
        Assert.Contains("nothing is listening", error.Message, StringComparison.Ordinal);
        Assert.Equal(new VsockEndPoint(VsockCid.Local, port), error.EndPoint);
    }

    [Fact]
    public void Binding_a_port_twice_is_a_typed_error()
    {
        VsockLoopback.RequireOrSkip();
        using var first = VsockListener.Start(new VsockEndPoint(VsockCid.Any, VsockEndPoint.AnyPort));

        var error = Assert.Throws<VsockException>(() => VsockListener.Start(new VsockEndPoint(VsockCid.Any, first.LocalEndPoint.Port)));

        Assert.Equal("bind", error.Operation);
        Assert.Equal("EADDRINUSE", error.ErrnoName);
        Assert.IsAssignableFrom<IOException>(error);
    }

    [Fact]
    public void Binding_a_cid_that_is_not_ours_is_a_typed_error()
    {
        VsockLoopback.RequireOrSkip();

        var error = Assert.Throws<VsockException>(() => VsockListener.Start(new VsockEndPoint(12345, VsockEndPoint.AnyPort)));

        Assert.Equal("EADDRNOTAVAIL", error.ErrnoName);
        Assert.Contains("CID 12345 is not an address of this machine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_listener_ends_a_pending_accept_with_null()
    {
        VsockLoopback.RequireOrSkip();
        var listener = VsockListener.Start(new VsockEndPoint(VsockCid.Any, VsockEndPoint.AnyPort));
        var accepting = listener.AcceptAsync(Ct).AsTask();
        await Task.Delay(100, Ct);
        Assert.False(accepting.IsCompleted);

        listener.Dispose();

        Assert.Null(await accepting.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.Null(await listener.AcceptAsync(Ct));

        // The port is free again.
        using var again = VsockListener.Start(new VsockEndPoint(VsockCid.Any, listener.LocalEndPoint.Port));
    }

    [Fact]
    public async Task A_canceled_accept_leaves_the_listener_usable()
    {
        VsockLoopback.RequireOrSkip();
        using var listener = VsockListener.Start(new VsockEndPoint(VsockCid.Any, VsockEndPoint.AnyPort));
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listener.AcceptAsync(cancel.Token).AsTask());
        }

        var accepting = listener.AcceptAsync(Ct).AsTask();
        using var client = await VsockSocket.ConnectAsync(new VsockEndPoint(VsockCid.Local, listener.LocalEndPoint.Port), Ct);
        using var server = Assert.NotNull(await accepting.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Socket;
    }

    [Fact]
    public async Task Hundreds_of_connections_are_accepted_without_a_thread_each()
    {
        VsockLoopback.RequireOrSkip();
        const int Connections = 300;
        using var listener = VsockListener.Start(new VsockEndPoint(VsockCid.Any, VsockEndPoint.AnyPort), backlog: 1024);
        var target = new VsockEndPoint(VsockCid.Local, listener.LocalEndPoint.Port);
        int threadsBefore = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;

        var serving = Task.Run(async () =>
        {
            var echoes = new List<Task>();
            for (int i = 0; i < Connections; i++)
            {
                var accepted = Assert.NotNull(await listener.AcceptAsync(Ct));
                echoes.Add(EchoServer.EchoAsync(accepted.Socket, Ct));
            }

            await Task.WhenAll(echoes);
        }, Ct);

        var clients = await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => VsockSocket.ConnectAsync(target, Ct)));
        int threadsWhileOpen = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
        try
        {
            await Task.WhenAll(clients.Select(async (client, i) =>
            {
                var data = new byte[1000 + i];
                new Random(i).NextBytes(data);
                var echoed = ByteStreams.ReceiveToEndAsync(client, Ct);
                await ByteStreams.SendAllAsync(client, data, Ct);
                client.Shutdown(SocketShutdown.Send);
                Assert.Equal(data.Length, (await echoed).Count);
            }));
            await serving.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        Assert.True(threadsWhileOpen - threadsBefore < 50, $"{threadsWhileOpen - threadsBefore} more threads with {Connections} connections open");
    }
}
