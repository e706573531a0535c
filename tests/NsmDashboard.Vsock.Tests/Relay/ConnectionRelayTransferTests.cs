using System.Net.Sockets;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.Relay;

/// <summary>Bytes and FINs through <see cref="ConnectionRelay"/>, over TCP loopback and Unix domain sockets.</summary>
public sealed class ConnectionRelayTransferTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Unix)]
    public async Task Large_transfers_in_both_directions_at_once_arrive_intact(Transport transport)
    {
        const long Size = 64L * 1024 * 1024;
        using var pair = await RelayPair.StartAsync(transport);

        var clientSends = SendThenFinAsync(pair.Client, Size, seed: 1);
        var serverSends = SendThenFinAsync(pair.Server, Size, seed: 2);
        var serverReceives = ByteStreams.ReceiveToEndAsync(pair.Server, Ct);
        var clientReceives = ByteStreams.ReceiveToEndAsync(pair.Client, Ct);

        byte[] sentUp = await clientSends;
        byte[] sentDown = await serverSends;
        var receivedUp = await serverReceives;
        var receivedDown = await clientReceives;
        var result = await pair.Relay;

        Assert.Equal(Size, receivedUp.Count);
        Assert.Equal(sentUp, receivedUp.Sha256);
        Assert.Equal(Size, receivedDown.Count);
        Assert.Equal(sentDown, receivedDown.Sha256);
        Assert.Equal(RelayCloseReason.Completed, result.CloseReason);
        Assert.Equal(Size, result.BytesFirstToSecond);
        Assert.Equal(Size, result.BytesSecondToFirst);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Unix)]
    public async Task A_client_that_half_closes_after_its_request_still_gets_the_whole_reply(Transport transport)
    {
        using var pair = await RelayPair.StartAsync(transport);

        // The client sends its request and shuts down its write side (like `nc -N` or an HTTP/1.0 client).
        // The server reads meanwhile (a megabyte does not fit in Unix socket buffers), to the FIN, and only
        // then answers.
        var requestReceiving = ByteStreams.ReceiveToEndAsync(pair.Server, Ct);
        byte[] request = await ByteStreams.SendAsync(pair.Client, 1024 * 1024, seed: 3, cancellationToken: Ct);
        pair.Client.Shutdown(SocketShutdown.Send);
        var requestSeen = await requestReceiving;
        Assert.Equal(request, requestSeen.Sha256);
        await Task.Delay(100, Ct);
        var replyReceiving = ByteStreams.ReceiveToEndAsync(pair.Client, Ct);
        byte[] reply = await ByteStreams.SendAsync(pair.Server, 3 * 1024 * 1024, seed: 4, cancellationToken: Ct);
        pair.Server.Shutdown(SocketShutdown.Send);

        var replySeen = await replyReceiving;
        var result = await pair.Relay;

        Assert.Equal(3 * 1024 * 1024, replySeen.Count);
        Assert.Equal(reply, replySeen.Sha256);
        Assert.Equal(RelayCloseReason.Completed, result.CloseReason);
        Assert.Equal(1024 * 1024, result.BytesFirstToSecond);
        Assert.Equal(3 * 1024 * 1024, result.BytesSecondToFirst);
    }

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Unix)]
    public async Task A_server_that_half_closes_first_still_receives_everything_the_client_sends_afterwards(Transport transport)
    {
        using var pair = await RelayPair.StartAsync(transport);

        var greetingReceiving = ByteStreams.ReceiveToEndAsync(pair.Client, Ct);
        byte[] greeting = await ByteStreams.SendAsync(pair.Server, 256 * 1024, seed: 5, cancellationToken: Ct);
        pair.Server.Shutdown(SocketShutdown.Send);
        var greetingSeen = await greetingReceiving;
        Assert.Equal(greeting, greetingSeen.Sha256);

        // The downstream direction is finished; the upstream one must still be open.
        Assert.False(pair.Relay.IsCompleted);
        var uploadReceiving = ByteStreams.ReceiveToEndAsync(pair.Server, Ct);
        byte[] upload = await ByteStreams.SendAsync(pair.Client, 512 * 1024, seed: 6, cancellationToken: Ct);
        pair.Client.Shutdown(SocketShutdown.Send);
        var uploadSeen = await uploadReceiving;
        var result = await pair.Relay;

        Assert.Equal(upload, uploadSeen.Sha256);
        Assert.Equal(RelayCloseReason.Completed, result.CloseReason);
        Assert.Equal(512 * 1024, result.BytesFirstToSecond);
        Assert.Equal(256 * 1024, result.BytesSecondToFirst);
    }

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Unix)]
    public async Task Duplex_streams_relay_and_pass_half_close_on(Transport transport)
    {
        var (client, first) = await TestSockets.PairAsync(transport, Ct);
        var (second, server) = await TestSockets.PairAsync(transport, Ct);
        using (client)
        using (server)
        {
            var relay = ConnectionRelay.RelayAsync(new NetworkStream(first, ownsSocket: true), new NetworkStream(second, ownsSocket: true), cancellationToken: Ct);

            var requestReceiving = ByteStreams.ReceiveToEndAsync(server, Ct);
            byte[] request = await ByteStreams.SendAsync(client, 200_000, seed: 7, cancellationToken: Ct);
            client.Shutdown(SocketShutdown.Send);
            var requestSeen = await requestReceiving;
            var replyReceiving = ByteStreams.ReceiveToEndAsync(client, Ct);
            byte[] reply = await ByteStreams.SendAsync(server, 300_000, seed: 8, cancellationToken: Ct);
            server.Shutdown(SocketShutdown.Send);
            var replySeen = await replyReceiving;
            var result = await relay;

            Assert.Equal(request, requestSeen.Sha256);
            Assert.Equal(reply, replySeen.Sha256);
            Assert.Equal(RelayCloseReason.Completed, result.CloseReason);
            Assert.Equal(200_000, result.BytesFirstToSecond);
            Assert.Equal(300_000, result.BytesSecondToFirst);
        }
    }

    [Fact]
    public async Task Bad_options_throw_before_the_relay_owns_the_sockets()
    {
        var (a, b) = await TestSockets.PairAsync(Transport.Tcp, Ct);
        using (a)
        using (b)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => { _ = ConnectionRelay.RelayAsync(a, b, new RelayOptions { BufferSize = 10 }, Ct); });
            Assert.Throws<ArgumentOutOfRangeException>(() => { _ = ConnectionRelay.RelayAsync(a, b, new RelayOptions { IdleTimeout = TimeSpan.Zero }, Ct); });

            // Still usable: nothing was closed.
            await ByteStreams.SendAllAsync(a, new byte[] { 42 }, Ct);
            Assert.Equal(new byte[] { 42 }, await ByteStreams.ReceiveExactlyAsync(b, 1, Ct));
        }
    }

    private static async Task<byte[]> SendThenFinAsync(Socket socket, long size, int seed)
    {
        byte[] hash = await ByteStreams.SendAsync(socket, size, seed, cancellationToken: Ct);
        socket.Shutdown(SocketShutdown.Send);
        return hash;
    }
}
