using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace NsmDashboard.Vsock;

internal sealed partial class VsockConnection
{
    /// <summary>Socket → input pipe, until the peer's FIN, an error, or the application stops reading.</summary>
    private async Task ReceiveLoopAsync()
    {
        Exception? error = null;
        bool finReceived = false;
        PipeWriter input = _input.Writer;
        try
        {
            while (true)
            {
                if (_waitForData && !await WaitForDataAsync().ConfigureAwait(false))
                {
                    continue;
                }

                Memory<byte> buffer = input.GetMemory(MinAllocBufferSize);
                int received = await _socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    finReceived = true;
                    break;
                }

                input.Advance(received);
                FlushResult flush = await input.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
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
        catch (SocketException ex) when (IsResetError(ex.SocketErrorCode))
        {
            error = new ConnectionResetException(ex.Message, ex);
            LogReset(_logger, ConnectionId, ex.SocketErrorCode);
        }
        catch (SocketException ex)
        {
            error = new ConnectionResetException(ex.Message, ex);
            LogReceiveFailed(_logger, ConnectionId, ex);
        }
        finally
        {
            // A FIN ends the input and nothing else (half-close); anything else means the connection is gone.
            await input.CompleteAsync(finReceived ? null : _abortReason ?? error).ConfigureAwait(false);
            if (!finReceived)
            {
                FireConnectionClosed();
            }
        }
    }

    // Waits for the socket to become readable without holding a buffer. Returns false when it found out that
    // the kernel cannot do that (vsock without MSG_PEEK, before Linux 5.4) and the caller should just read.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> WaitForDataAsync()
    {
        try
        {
            await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationNotSupported)
        {
            _waitForData = false;
            LogNoPeek(_logger, ConnectionId);
            return false;
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Connection {ConnectionId} was reset by the peer ({Error})")]
    private static partial void LogReset(ILogger logger, string connectionId, SocketError error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Connection {ConnectionId}: receiving failed")]
    private static partial void LogReceiveFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Connection {ConnectionId}: this kernel's vsock cannot peek; reading without waiting for data first")]
    private static partial void LogNoPeek(ILogger logger, string connectionId);
}
