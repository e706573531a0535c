using System.Net.Sockets;
using NsmDashboard.Vsock.Tests.Infrastructure;

namespace NsmDashboard.Vsock.Tests.Relay;

/// <summary>
/// The relay allocates per connection, never per chunk: thousands of small round trips (the shape of a Blazor
/// circuit's traffic) must not add managed allocations in proportion. Counted with the process-wide allocation
/// counter around a loop whose own code allocates nothing; the bound is generous (other threads allocate too).
/// Meaningful only for an optimized build: a Debug build compiles every async method's state machine as a class,
/// allocated per call (measured: ~290 bytes per round trip in Debug, 0.1 in Release). tests/run.sh and the rig
/// run Release.
/// </summary>
[Collection(AllocationCounting.Name)]
public sealed class ConnectionRelayAllocationTests
{
    [Fact]
    public async Task Small_round_trips_allocate_nothing_per_chunk()
    {
        var debuggable = typeof(ConnectionRelay).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .OfType<System.Diagnostics.DebuggableAttribute>().SingleOrDefault();
        Assert.SkipWhen(debuggable?.IsJITOptimizerDisabled == true, "allocation counts need an optimized build: run with -c Release");
        const int RoundTrips = 20_000;
        const int Size = 64;
        using var pair = await RelayPair.StartAsync(Transport.Tcp);
        pair.Client.NoDelay = true;
        pair.Server.NoDelay = true;
        var message = new byte[Size];
        var clientBuffer = new byte[Size];
        var serverBuffer = new byte[Size];

        // Warm up: first-use allocations (socket async state, pool buckets, JIT tiers) are not per chunk.
        await PingPongAsync(pair, message, clientBuffer, serverBuffer, 2_000);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        await PingPongAsync(pair, message, clientBuffer, serverBuffer, RoundTrips);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Each round trip is two relayed chunks; even 16 bytes per chunk would be 640 KB here.
        Assert.True(allocated < 256 * 1024, $"{allocated} bytes allocated over {RoundTrips} round trips ({(double)allocated / RoundTrips:0.0} per round trip)");
        pair.Client.Shutdown(SocketShutdown.Send);
        pair.Server.Shutdown(SocketShutdown.Send);
        Assert.Equal(RelayCloseReason.Completed, (await pair.Relay).CloseReason);
    }

    private static async Task PingPongAsync(RelayPair pair, byte[] message, byte[] clientBuffer, byte[] serverBuffer, int count)
    {
        // Memory overloads (ValueTask, cached per socket) and no nested async methods: the loop itself allocates nothing.
        for (int i = 0; i < count; i++)
        {
            await pair.Client.SendAsync(message.AsMemory(), SocketFlags.None);
            for (int at = 0; at < serverBuffer.Length;)
            {
                int read = await pair.Server.ReceiveAsync(serverBuffer.AsMemory(at), SocketFlags.None);
                Assert.True(read > 0);
                at += read;
            }

            await pair.Server.SendAsync(serverBuffer.AsMemory(), SocketFlags.None);
            for (int at = 0; at < clientBuffer.Length;)
            {
                int read = await pair.Client.ReceiveAsync(clientBuffer.AsMemory(at), SocketFlags.None);
                Assert.True(read > 0);
                at += read;
            }
        }
    }
}

/// <summary>The allocation counter is process-wide: tests in this collection run while no other test does.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCounting
{
    public const string Name = "allocation counting";
}
