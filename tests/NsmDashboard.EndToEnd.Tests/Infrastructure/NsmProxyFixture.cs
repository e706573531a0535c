using System.Net;
using NsmDashboard.Proxy;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real dashboard behind the real proxy code: <see cref="NsmDashboardServerFixture"/> plus <c>nsm-proxy --listen
/// 127.0.0.1:0 --to tcp://…</c> (ProxyApp, the code the native binary runs), and <see cref="NsmDashboardServerFixture.BaseAddress"/>
/// pointing at the proxy. Everything the browser does — page loads, the Blazor circuit's WebSocket — crosses the relay.
/// </summary>
public sealed class NsmProxyFixture : NsmDashboardServerFixture
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();
    private Task<int>? _proxy;

    /// <summary>The dashboard's own address, behind the proxy.</summary>
    public Uri DashboardAddress { get; private set; } = default!;

    /// <summary>What the proxy logged (accept, dial and close lines per connection, at debug).</summary>
    public string ProxyLog
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <inheritdoc/>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        DashboardAddress = BaseAddress;
        var listening = new TaskCompletionSource<EndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        string[] args =
        [
            "--listen", "127.0.0.1:0",
            "--to", $"tcp://{DashboardAddress.Host}:{DashboardAddress.Port}",
            "--log-level", "debug",
        ];
        var log = new LockedWriter(_log);
        _proxy = Task.Run(() => ProxyApp.RunAsync(args, log, log, _stop.Token, endPoint => listening.TrySetResult(endPoint)));
        var first = await Task.WhenAny(listening.Task, _proxy).WaitAsync(TimeSpan.FromSeconds(30));
        if (first != listening.Task)
        {
            throw new InvalidOperationException($"nsm-proxy exited with {await _proxy} before listening: {ProxyLog}");
        }

        var proxy = (IPEndPoint)await listening.Task;
        BaseAddress = new Uri($"http://127.0.0.1:{proxy.Port}/");
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_proxy is not null)
        {
            await _proxy.WaitAsync(TimeSpan.FromSeconds(30));
        }

        _stop.Dispose();
        await base.DisposeAsync();
    }

    // The proxy writes from its relay tasks while tests read the log.
    private sealed class LockedWriter(StringWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            lock (inner)
            {
                inner.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (inner)
            {
                inner.Write(value);
            }
        }
    }
}
