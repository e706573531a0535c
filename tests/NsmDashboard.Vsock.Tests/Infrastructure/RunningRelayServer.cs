using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Vsock.Tests.Infrastructure;

/// <summary>A <see cref="RelayServer"/> on a TCP or Unix listener, running until the test stops or disposes it.</summary>
internal sealed class RunningRelayServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public RunningRelayServer(Transport transport, EndPoint upstream, RelayServerOptions? options = null)
    {
        Server = new RelayServer(TestSockets.Listen(transport), upstream, options ?? new RelayServerOptions(), Logger);
        Run = Server.RunAsync(_stop.Token);
    }

    public RelayServer Server { get; }

    public ListLogger Logger { get; } = new();

    public Task<RelaySummary> Run { get; }

    public EndPoint EndPoint => Server.LocalEndPoint;

    public Task<Socket> ConnectAsync() => TestSockets.ConnectAsync(EndPoint, TestContext.Current.CancellationToken);

    public async Task<RelaySummary> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run;
    }

    public async Task WaitForActiveAsync(int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (Server.ActiveConnections != count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            Server.Dispose();
            await _stop.CancelAsync();
            await Run;
        }

        TestSockets.DeleteIfUnix(EndPoint);
        _stop.Dispose();
    }
}
