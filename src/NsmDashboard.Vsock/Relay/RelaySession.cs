using System.Buffers;
using System.Net.Sockets;

namespace NsmDashboard.Vsock;

/// <summary>
/// The relay between two peers: two pumps (first → second, second → first), a shared idle clock, and one
/// close decision. Each pump reads into its single pooled buffer, writes it all to the other side, and only then
/// reads again; on FIN it shuts down the other side's write half and stops, while the opposite pump goes on.
/// The first failure, the idle timeout or cancellation closes both peers, which ends both pumps.
/// </summary>
internal sealed class RelaySession
{
    private const int StillOpen = -1;

    private readonly RelayPeer _first;
    private readonly RelayPeer _second;
    private readonly RelayOptions _options;
    private readonly TimeProvider _time;
    private long _lastActivity;
    private long _firstToSecond;
    private long _secondToFirst;
    private int _closeReason = StillOpen;
    private Exception? _error;
    private ITimer? _idleTimer;

    public RelaySession(RelayPeer first, RelayPeer second, RelayOptions options)
    {
        _first = first;
        _second = second;
        _options = options;
        _time = options.TimeProvider;
    }

    public async Task<RelayResult> RunAsync(CancellationToken cancellationToken)
    {
        long start = _time.GetTimestamp();
        Volatile.Write(ref _lastActivity, start);
        try
        {
            using var canceled = cancellationToken.UnsafeRegister(
                static state => ((RelaySession)state!).Close(RelayCloseReason.Canceled, null), this);
            if (_options.IdleTimeout != Timeout.InfiniteTimeSpan)
            {
                _idleTimer = _time.CreateTimer(
                    static state => ((RelaySession)state!).CheckIdle(), this, _options.IdleTimeout, Timeout.InfiniteTimeSpan);
            }

            Task firstToSecond = PumpAsync(_first, _second, fromFirst: true);
            Task secondToFirst = PumpAsync(_second, _first, fromFirst: false);
            await firstToSecond.ConfigureAwait(false);
            await secondToFirst.ConfigureAwait(false);

            // Both directions ended on their own: that is a clean close unless something closed them first.
            Interlocked.CompareExchange(ref _closeReason, (int)RelayCloseReason.Completed, StillOpen);
        }
        finally
        {
            if (_idleTimer is not null)
            {
                await _idleTimer.DisposeAsync().ConfigureAwait(false);
            }

            _first.Dispose();
            _second.Dispose();
        }

        return new RelayResult(
            Interlocked.Read(ref _firstToSecond),
            Interlocked.Read(ref _secondToFirst),
            _time.GetElapsedTime(start),
            (RelayCloseReason)Volatile.Read(ref _closeReason),
            _error);
    }

    private async Task PumpAsync(RelayPeer source, RelayPeer destination, bool fromFirst)
    {
        RelayCloseReason sourceFailed = fromFirst ? RelayCloseReason.FirstFailed : RelayCloseReason.SecondFailed;
        RelayCloseReason destinationFailed = fromFirst ? RelayCloseReason.SecondFailed : RelayCloseReason.FirstFailed;
        int size = _options.BufferSize;
        byte[]? buffer = null;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    if (buffer is null)
                    {
                        // Idle: hold no buffer until there is something to read.
                        await source.WaitForDataAsync().ConfigureAwait(false);
                        buffer = RelayBuffers.Pool.Rent(size);
                    }

                    read = await source.ReadAsync(buffer.AsMemory(0, size)).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsIoFailure(ex))
                {
                    Close(sourceFailed, ex);
                    return;
                }

                if (read == 0)
                {
                    // FIN: pass it on and let the other direction carry on (half-close, docs/vsock.md#relay).
                    try
                    {
                        await destination.ShutdownWriteAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsIoFailure(ex))
                    {
                        // The destination is gone; the pump reading from it finds out and reports it.
                    }

                    return;
                }

                Touch();
                try
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsIoFailure(ex))
                {
                    Close(destinationFailed, ex);
                    return;
                }

                Interlocked.Add(ref fromFirst ? ref _firstToSecond : ref _secondToFirst, read);
                Touch();
                if (read < size)
                {
                    // The source had no more for now: give the buffer back rather than hold it while idle.
                    RelayBuffers.Pool.Return(buffer);
                    buffer = null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                RelayBuffers.Pool.Return(buffer);
            }
        }
    }

    private void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    private void CheckIdle()
    {
        TimeSpan idleFor = _time.GetElapsedTime(Volatile.Read(ref _lastActivity));
        if (idleFor >= _options.IdleTimeout)
        {
            Close(RelayCloseReason.IdleTimeout, null);
        }
        else
        {
            _idleTimer?.Change(_options.IdleTimeout - idleFor, Timeout.InfiniteTimeSpan);
        }
    }

    // The first reason wins. Aborting both peers ends every pending read and write, so both pumps stop; they
    // are disposed when RunAsync has seen both pumps end.
    private void Close(RelayCloseReason reason, Exception? error)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, StillOpen) != StillOpen)
        {
            return;
        }

        _error = error;
        _first.Abort();
        _second.Abort();
    }

    private static bool IsIoFailure(Exception ex) =>
        ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException;
}
