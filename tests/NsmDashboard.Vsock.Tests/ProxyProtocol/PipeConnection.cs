using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;

namespace NsmDashboard.Vsock.Tests.ProxyProtocol;

/// <summary>
/// A connection as Kestrel hands it to connection middleware, made of two in-memory pipes: the test writes what the
/// peer sends into <see cref="Peer"/> and reads what the server wrote. Aborting it cancels <see cref="BaseConnectionContext.ConnectionClosed"/>.
/// </summary>
internal sealed class PipeConnection
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toPeer = new();

    public PipeConnection(EndPoint? local, EndPoint? remote)
    {
        Context = new DefaultConnectionContext(
            $"test-{Guid.NewGuid():N}",
            new DuplexPipe(_toServer.Reader, _toPeer.Writer),
            new DuplexPipe(_toPeer.Reader, _toServer.Writer))
        {
            LocalEndPoint = local,
            RemoteEndPoint = remote,
        };
    }

    /// <summary>A connection accepted on the dashboard's vsock listener from the parent instance (CID 3).</summary>
    public static PipeConnection FromParent() => new(new VsockEndPoint(16, 5000), new VsockEndPoint(3, 49152));

    public DefaultConnectionContext Context { get; }

    /// <summary>The peer's side: write into Output what the relay sends.</summary>
    public IDuplexPipe Peer => Context.Application!;

    public async Task SendAsync(byte[] data)
    {
        await Peer.Output.WriteAsync(data, TestContext.Current.CancellationToken);
    }

    public Task WaitUntilAbortedAsync()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Context.ConnectionClosed.Register(aborted.SetResult);
        return aborted.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
