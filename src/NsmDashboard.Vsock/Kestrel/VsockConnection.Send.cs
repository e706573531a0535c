using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace NsmDashboard.Vsock;

internal sealed partial class VsockConnection
{
    /// <summary>Output pipe → socket, until the application completes its output (then FIN) or the connection is aborted.</summary>
    private async Task SendLoopAsync()
    {
        Exception? error = null;
        bool completed = false;
        PipeReader output = _output.Reader;
        try
        {
            while (true)
            {
                ReadResult result = await output.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    break;
                }

                ReadOnlySequence<byte> buffer = result.Buffer;
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    await SendAllAsync(segment).ConfigureAwait(false);
                }

                output.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    completed = true;
                    break;
                }
            }
        }
        catch (SocketException ex) when (IsClosing)
        {
            error = _abortReason ?? new ConnectionAbortedException("The connection was closed.", ex);
        }
        catch (ObjectDisposedException ex)
        {
            error = _abortReason ?? new ConnectionAbortedException("The connection was closed.", ex);
        }
        catch (SocketException ex)
        {
            error = new ConnectionResetException(ex.Message, ex);
            LogSendFailed(_logger, ConnectionId, ex.SocketErrorCode);
        }

        if (completed)
        {
            ShutdownSend();
        }

        await output.CompleteAsync(error).ConfigureAwait(false);
        if (error is not null)
        {
            // The peer cannot receive any more: the connection is over in both directions. Unblock a receive
            // loop waiting for the application to read, and let the application know.
            _input.Writer.CancelPendingFlush();
            CloseSocket();
            FireConnectionClosed();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            int sent = await _socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    // The application has finished writing: FIN to the peer, which may go on sending (half-close).
    private void ShutdownSend()
    {
        lock (_closeLock)
        {
            if (_socketClosed)
            {
                return;
            }

            try
            {
                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // The peer has gone already; the receive loop finds out.
            }
        }
    }

    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "Connection {ConnectionId}: sending failed ({Error})")]
    private static partial void LogSendFailed(ILogger logger, string connectionId, SocketError error);
}
