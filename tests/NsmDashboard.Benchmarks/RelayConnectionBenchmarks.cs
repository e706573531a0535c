using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using NsmDashboard.Vsock;

namespace NsmDashboard.Benchmarks;

/// <summary>
/// A whole new connection through the relay (connect, one byte each way, close), with and without the PROXY header
/// upstream. Both pay the per-source accounting (a lock and a dictionary entry per connection).
/// </summary>
[MemoryDiagnoser]
public class RelayConnectionBenchmarks
{
    private readonly byte[] _one = new byte[1];
    private Socket? _upstream;
    private RelayServer? _relay;
    private CancellationTokenSource? _stop;
    private Task? _serving;
    private Task? _answering;
    private EndPoint? _relayEndPoint;

    /// <summary>Whether the relay writes the 28-byte header upstream.</summary>
    [Params(false, true)]
    public bool Header { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _upstream.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _upstream.Listen(1024);
        _answering = AnswerOneByteAsync(_upstream, Header ? 28 + 1 : 1);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1024);
        _relayEndPoint = listener.LocalEndPoint;
        _relay = new RelayServer(listener, _upstream.LocalEndPoint!, new RelayServerOptions { SendProxyProtocolHeader = Header }, NullLogger.Instance);
        _stop = new CancellationTokenSource();
        _serving = _relay.RunAsync(_stop.Token);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop!.Cancel();
        _serving!.GetAwaiter().GetResult();
        _upstream!.Dispose();
        _answering!.GetAwaiter().GetResult();
        _relay!.Dispose();
        _stop.Dispose();
    }

    [Benchmark]
    public async Task<int> ConnectionThroughTheRelay()
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(_relayEndPoint!);
        await client.SendAsync(_one, SocketFlags.None);
        return await client.ReceiveAsync(_one, SocketFlags.None);
    }
    // The upstream: per connection, reads the header (if any) and the client's byte, answers one byte, closes.
    private static async Task AnswerOneByteAsync(Socket listener, int expect)
    {
        var buffer = new byte[64];
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (accepted)
                {
                    int read = 0;
                    while (read < expect)
                    {
                        int got = await accepted.ReceiveAsync(buffer.AsMemory(read, expect - read), SocketFlags.None);
                        if (got == 0)
                        {
                            return;
                        }

                        read += got;
                    }

                    await accepted.SendAsync(buffer.AsMemory(0, 1), SocketFlags.None);
                }
            });
        }
    }
}
