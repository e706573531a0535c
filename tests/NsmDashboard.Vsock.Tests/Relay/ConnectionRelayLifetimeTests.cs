using System.Diagnostics;
using System.Net.Sockets;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.Relay;

/// <summary>How a relay ends: idle timeout, cancellation, a reset; and back-pressure while it runs.</summary>
[Collection(RunsAlone.Name)]
public sealed class ConnectionRelayLifetimeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Unix)]
    public async Task A_slow_reader_stalls_the_sender_instead_of_growing_memory(Transport transport)
    {
        const int Chunk = 64 * 1024;
        using var pair = await RelayPair.StartAsync(transport);
        foreach (var socket in new[] { pair.Client, pair.Server })
        {
            socket.SendBufferSize = Chunk;
            socket.ReceiveBufferSize = Chunk;
        }

        long sent = 0;
        bool stopSending = false;
        var chunk = new byte[Chunk];
        new Random(9).NextBytes(chunk);
        var sender = Task.Run(async () =>
        {
            while (!Volatile.Read(ref stopSending))
            {
                await ByteStreams.SendAllAsync(pair.Client, chunk, Ct);
                Interlocked.Add(ref sent, Chunk);
            }
        }, Ct);

        // Nobody reads on the server side: after the kernel buffers and the relay's one buffer are full, the
        // sender must stop making progress. TCP autotuning grows loopback buffers to a few MB each and takes
        // its time on a loaded machine, so wait until a whole second passes without progress.
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        long stalledAt = -1;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            long before = Interlocked.Read(ref sent);
            await Task.Delay(1000, Ct);
            if (Interlocked.Read(ref sent) - before <= Chunk)
            {
                stalledAt = before;
                break;
            }
        }

        long memoryGrowth = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;

        Assert.True(stalledAt >= 0, $"the sender was still making progress after 20 s ({Interlocked.Read(ref sent)} bytes) with nobody reading");
        Assert.True(stalledAt < 48 * 1024 * 1024, $"{stalledAt} bytes were accepted with nobody reading: buffering is not bounded");
        Assert.True(memoryGrowth < 8 * 1024 * 1024, $"the managed heap grew by {memoryGrowth} bytes while stalled");
        Assert.False(pair.Relay.IsCompleted);

        // Reading again lets everything through, and the blocked send completes.
        Volatile.Write(ref stopSending, true);
        var receiving = ByteStreams.ReceiveToEndAsync(pair.Server, Ct);
        await sender;
        pair.Client.Shutdown(SocketShutdown.Send);
        var received = await receiving;
        Assert.Equal(Interlocked.Read(ref sent), received.Count);
        pair.Server.Shutdown(SocketShutdown.Send);
        Assert.Equal(RelayCloseReason.Completed, (await pair.Relay).CloseReason);
    }

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Unix)]
    public async Task The_idle_timeout_closes_both_sides(Transport transport)
    {
        using var pair = await RelayPair.StartAsync(transport, new RelayOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        await ByteStreams.SendAllAsync(pair.Client, "hello"u8.ToArray(), Ct);
        Assert.Equal("hello"u8.ToArray(), await ByteStreams.ReceiveExactlyAsync(pair.Server, 5, Ct));

        var result = await pair.Relay.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(RelayCloseReason.IdleTimeout, result.CloseReason);
        Assert.Equal(5, result.BytesFirstToSecond);
        Assert.True(result.Duration >= TimeSpan.FromMilliseconds(250), $"closed after {result.Duration}");
        Assert.Equal(0, await ReceiveOrResetAsync(pair.Client));
        Assert.Equal(0, await ReceiveOrResetAsync(pair.Server));
    }

    [Fact]
    public async Task Traffic_keeps_the_idle_timeout_away()
    {
        // Bytes move every 100 ms for longer than the idle timeout; the timeout is generous because the
        // test suite shares two cores with other test assemblies and a stalled thread pool must not fire it.
        using var pair = await RelayPair.StartAsync(Transport.Tcp, new RelayOptions { IdleTimeout = TimeSpan.FromSeconds(3) });
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(4))
        {
            await ByteStreams.SendAllAsync(pair.Client, new byte[] { 1 }, Ct);
            await ByteStreams.ReceiveExactlyAsync(pair.Server, 1, Ct);
            await Task.Delay(100, Ct);
        }

        Assert.False(pair.Relay.IsCompleted, "the relay timed out although a byte moved every 100 ms");
        pair.Client.Shutdown(SocketShutdown.Send);
        pair.Server.Shutdown(SocketShutdown.Send);
        Assert.Equal(RelayCloseReason.Completed, (await pair.Relay).CloseReason);
    }

    [Fact]
    public async Task Cancellation_closes_both_sides()
    {
        using var cancel = new CancellationTokenSource();
        using var pair = await RelayPair.StartAsync(Transport.Unix, cancel: cancel);
        await ByteStreams.SendAllAsync(pair.Server, "hi"u8.ToArray(), Ct);
        Assert.Equal("hi"u8.ToArray(), await ByteStreams.ReceiveExactlyAsync(pair.Client, 2, Ct));

        await cancel.CancelAsync();
        var result = await pair.Relay.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(RelayCloseReason.Canceled, result.CloseReason);
        Assert.Equal(2, result.BytesSecondToFirst);
        Assert.Equal(0, await ReceiveOrResetAsync(pair.Client));
        Assert.Equal(0, await ReceiveOrResetAsync(pair.Server));
    }

    [Fact]
    public async Task A_reset_on_one_side_closes_the_other_and_names_the_side()
    {
        using var pair = await RelayPair.StartAsync(Transport.Tcp);
        await ByteStreams.SendAllAsync(pair.Client, "ping"u8.ToArray(), Ct);
        await ByteStreams.ReceiveExactlyAsync(pair.Server, 4, Ct);

        // Linger 0: close sends RST instead of FIN.
        pair.Server.LingerState = new LingerOption(true, 0);
        pair.Server.Close();
        var result = await pair.Relay.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(RelayCloseReason.SecondFailed, result.CloseReason);
        Assert.IsType<SocketException>(result.Error);
        Assert.Equal(0, await ReceiveOrResetAsync(pair.Client));
    }

    // 0 for FIN; a reset counts as closed too.
    private static async Task<int> ReceiveOrResetAsync(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }
        catch (SocketException)
        {
            return 0;
        }
    }
}
