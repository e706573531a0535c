using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Vsock;

public sealed partial class RelayServer
{
    /// <summary>One client: dial the upstream, relay, log. Never throws; a failure ends this client only.</summary>
    private async Task HandleAsync(long id, Accepted client, EndPoint? source)
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
            if (_options.SendProxyProtocolHeader && !await SendProxyHeaderAsync(id, clientText, client, upstream).ConfigureAwait(false))
            {
                return;
            }

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
            LeaveSource(source);
            Interlocked.Decrement(ref _active);
            _connections.TryRemove(id, out _);
        }
    }

    // The header goes out before the relay starts, so it precedes every byte of the client's (one small write: the
    // specification asks for the whole header at once). A failure here is the upstream's, like a failed dial.
    private async Task<bool> SendProxyHeaderAsync(long id, string clientText, Accepted client, Socket upstream)
    {
        byte[] header = ProxyProtocolV2.CreateHeader(client.RemoteEndPoint, client.LocalEndPoint);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closeAll.Token);
            timeout.CancelAfter(_options.ConnectTimeout);
            ReadOnlyMemory<byte> rest = header;
            while (!rest.IsEmpty)
            {
                rest = rest[await upstream.SendAsync(rest, SocketFlags.None, timeout.Token).ConfigureAwait(false)..];
            }

            return true;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _dialFailures);
            LogHeaderFailed(_logger, id, clientText, _upstreamText, ex is OperationCanceledException ? "timed out" : ex.Message);
            upstream.Dispose();
            client.Socket.Dispose();
            return false;
        }
    }
}
