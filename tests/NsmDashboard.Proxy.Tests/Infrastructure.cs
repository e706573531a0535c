using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NsmDashboard.Proxy.Tests;

/// <summary>A TextWriter that several threads may write to, read by the test while the proxy runs.</summary>
internal sealed class LogCapture : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    public async Task WaitForAsync(string text)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!ToString().Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}

/// <summary>nsm-proxy running in process (ProxyApp.RunAsync) until the test fires its stop token, as SIGTERM would.</summary>
internal sealed class RunningProxy : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;

    private RunningProxy(Task<int> run, EndPoint endPoint, LogCapture log, CancellationTokenSource stop)
    {
        Run = run;
        EndPoint = endPoint;
        Log = log;
        _stop = stop;
    }

    public Task<int> Run { get; }

    public EndPoint EndPoint { get; }

    public LogCapture Log { get; }

    public static async Task<RunningProxy> StartAsync(params string[] args)
    {
        var log = new LogCapture();
        var listening = new TaskCompletionSource<EndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new CancellationTokenSource();
        string[] command = args.Contains("--listen") ? args : ["--listen", "127.0.0.1:0", .. args];
        var run = ProxyApp.RunAsync(command, TextWriter.Null, log, stop.Token, listening.SetResult);
        var first = await Task.WhenAny(run, listening.Task).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        if (first == run)
        {
            stop.Dispose();
            throw new InvalidOperationException($"nsm-proxy exited with {await run}: {log}");
        }

        return new RunningProxy(run, await listening.Task, log, stop);
    }

    public Task<Socket> ConnectAsync() => Sockets.ConnectAsync(EndPoint);

    /// <summary>Connects from a given local address (any of 127.0.0.0/8 is local on Linux), as a different client would.</summary>
    public async Task<Socket> ConnectFromAsync(string localAddress)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
        int port = ((IPEndPoint)EndPoint).Port;
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), TestContext.Current.CancellationToken);
        return socket;
    }

    /// <summary>What SIGTERM does: stop accepting, drain, exit.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}

/// <summary>Sockets helpers and a TCP echo server that half-closes after the client's FIN.</summary>
internal static class Sockets
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Socket> ConnectAsync(EndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint, Ct);
        return socket;
    }

    public static Socket ListenTcp()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        return listener;
    }

    /// <summary>Accepts and echoes until the listener is disposed.</summary>
    public static async Task EchoAsync(Socket listener)
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await listener.AcceptAsync(Ct);
                connections.Add(Task.Run(async () =>
                {
                    using (socket)
                    {
                        var buffer = new byte[16 * 1024];
                        try
                        {
                            int read;
                            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, Ct)) > 0)
                            {
                                await SendAllAsync(socket, buffer.AsMemory(0, read));
                            }

                            socket.Shutdown(SocketShutdown.Send);
                        }
                        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                        {
                            // The client or the test went away.
                        }
                    }
                }, Ct));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            await Task.WhenAll(connections);
        }
    }

    public static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[await socket.SendAsync(data, SocketFlags.None, Ct)..];
        }
    }

    public static async Task<byte[]> ReceiveToEndAsync(Socket socket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, Ct)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }

    public static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count)
    {
        var data = new byte[count];
        int at = 0;
        while (at < count)
        {
            int read = await socket.ReceiveAsync(data.AsMemory(at), SocketFlags.None, Ct);
            Assert.True(read > 0, $"the stream ended after {at} of {count} bytes");
            at += read;
        }

        return data;
    }

    /// <summary>Sends random bytes, optionally half-closes, and checks the echo.</summary>
    public static async Task EchoRoundTripAsync(Socket socket, int size, int seed, bool halfClose = true)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        var echoed = halfClose ? ReceiveToEndAsync(socket) : ReceiveExactlyAsync(socket, size);
        await SendAllAsync(socket, data);
        if (halfClose)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        Assert.Equal(data, await echoed.WaitAsync(TimeSpan.FromSeconds(30), Ct));
    }
}
