using System.Diagnostics;
using System.Net.Sockets;

namespace NsmDashboard.Vsock;

public sealed partial class RelayServer
{
    /// <summary>One client: dial the upstream, relay, log. Never throws; a failure ends this client only.</summary>
    private async Task HandleAsync(long id, Accepted client)
    {
        string clientText = UpstreamDialer.Describe(client.RemoteEndPoint);
        try
        {
            if (client.Socket.ProtocolType == ProtocolType.Tcp)
            {
                client.Socket.NoDelay = true;
            }

            LogAccepted(_logger, id, clientText);
            long dialStart = Stopwatch.GetTimestamp();
            Socket upstream;
            try
            {
                using var dialTimeout = CancellationTokenSource.CreateLinkedTokenSource(_closeAll.Token);
                dialTimeout.CancelAfter(_options.ConnectTimeout);
                upstream = await UpstreamDialer.ConnectAsync(Upstream, dialTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or PlatformNotSupportedException)
            {
                Interlocked.Increment(ref _dialFailures);
                string reason = ex is OperationCanceledException
                    ? _closeAll.IsCancellationRequested ? "shutting down" : $"no connection within {_options.ConnectTimeout.TotalSeconds:0.###} s"
                    : ex.Message;
                LogDialFailed(_logger, id, clientText, _upstreamText, Stopwatch.GetElapsedTime(dialStart).TotalMilliseconds, reason);
                client.Socket.Dispose();
                return;
            }

            double dialMilliseconds = Stopwatch.GetElapsedTime(dialStart).TotalMilliseconds;
            LogConnected(_logger, id, _upstreamText, dialMilliseconds);
            RelayResult result = await ConnectionRelay.RelayAsync(client.Socket, upstream, _options.Relay, _closeAll.Token).ConfigureAwait(false);
            LogClosed(
                _logger,
                id,
                clientText,
                _upstreamText,
                result.CloseReason,
                result.BytesFirstToSecond,
                result.BytesSecondToFirst,
                result.Duration.TotalSeconds,
                dialMilliseconds,
                result.Error is null ? string.Empty : $": {result.Error.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref _active);
            _connections.TryRemove(id, out _);
        }
    }
}
