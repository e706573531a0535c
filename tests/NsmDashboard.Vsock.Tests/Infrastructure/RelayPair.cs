using System.Net.Sockets;

namespace NsmDashboard.Vsock.Tests.Infrastructure;

/// <summary>client ⇄ [ConnectionRelay] ⇄ server, over one transport; the test drives client and server.</summary>
internal sealed class RelayPair : IDisposable
{
    private RelayPair(Socket client, Socket server, Task<RelayResult> relay)
    {
        Client = client;
        Server = server;
        Relay = relay;
    }

    public Socket Client { get; }

    public Socket Server { get; }

    public Task<RelayResult> Relay { get; }

    public static async Task<RelayPair> StartAsync(Transport transport, RelayOptions? options = null, CancellationTokenSource? cancel = null)
    {
        var setup = TestContext.Current.CancellationToken;
        var (client, first) = await TestSockets.PairAsync(transport, setup);
        var (second, server) = await TestSockets.PairAsync(transport, setup);
        return new RelayPair(client, server, ConnectionRelay.RelayAsync(first, second, options, cancel?.Token ?? CancellationToken.None));
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
