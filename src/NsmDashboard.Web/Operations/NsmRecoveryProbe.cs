using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// Tells views that show a failure of the path to the NSM (a device errno, an undecodable answer) when the NSM answers
/// again, so that they read it again without a reload. One probe for the whole process, however many views wait: while
/// anyone waits it sends DescribeNSM every <see cref="Interval"/>, and stops as soon as one is answered or nobody waits.
/// </summary>
/// <remarks>
/// The dashboard otherwise never polls (changes are pushed by <see cref="PcrChangeNotifier"/>); a view in error has no
/// change to wait for, since nothing can change while the device fails, so this is the one exception, and it lasts only
/// as long as the outage.
/// </remarks>
public sealed partial class NsmRecoveryProbe : IDisposable
{
    /// <summary>How often the NSM is asked while views wait.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly NsmClient _client;
    private readonly ILogger<NsmRecoveryProbe> _logger;
    private readonly ITimer _timer;
    private Action[] _waiters = [];
    private bool _disposed;

    /// <summary>Creates the probe; it sends nothing until a view waits.</summary>
    public NsmRecoveryProbe(NsmClient client, TimeProvider timeProvider, ILogger<NsmRecoveryProbe> logger)
        : this(client, timeProvider, logger, DefaultInterval)
    {
    }

    /// <summary>Creates the probe with another interval (tests).</summary>
    public NsmRecoveryProbe(NsmClient client, TimeProvider timeProvider, ILogger<NsmRecoveryProbe> logger, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _client = client;
        _logger = logger;
        Interval = interval;
        _timer = timeProvider.CreateTimer(_ => Probe(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How often the NSM is asked while views wait.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How many views wait now.</summary>
    public int WaiterCount => Volatile.Read(ref _waiters).Length;

    /// <summary>
    /// Whether a failure is one of the path to the NSM, which may heal by itself: not an answer of the module (a refusal
    /// stays a refusal), not a request refused before it was sent, not the dashboard's own denial.
    /// </summary>
    public static bool IsTransient(NsmException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return !exception.AnsweredByModule
            && exception is not NsmAccessDeniedException
            && exception is not NsmDeviceException { Errno: 0 };
    }

    /// <summary>Calls <paramref name="callback"/> once, on a timer thread, the first time the NSM answers DescribeNSM.</summary>
    /// <returns>Dispose it to stop waiting.</returns>
    public IDisposable WhenAnswering(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _waiters = [.. _waiters, callback];
            if (_waiters.Length == 1)
            {
                _timer.Change(Interval, Interval);
            }
        }

        return new Waiter(this, callback);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _waiters = [];
        }

        _timer.Dispose();
    }

    private void Probe()
    {
        if (WaiterCount == 0)
        {
            return;
        }

        try
        {
            // Completes synchronously (the client's calls are one ioctl); the timer thread is the caller.
            _ = _client.DescribeNsmAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (NsmException)
        {
            return;
        }

        Action[] answered;
        lock (_lock)
        {
            answered = _waiters;
            _waiters = [];
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        if (answered.Length > 0)
        {
            LogAnswering(answered.Length);
        }

        foreach (var callback in answered)
        {
            try
            {
                callback();
            }
            catch (Exception ex)
            {
                // One broken view must not keep the others in their error state.
                LogCallbackFailed(ex);
            }
        }
    }

    private void Remove(Action callback)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_waiters, callback);
            if (index < 0)
            {
                return;
            }

            _waiters = [.. _waiters.AsSpan(0, index), .. _waiters.AsSpan(index + 1)];
            if (_waiters.Length == 0 && !_disposed)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The NSM answers again; {Count} view(s) read it again.")]
    private partial void LogAnswering(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A view waiting for the NSM failed when it answered again.")]
    private partial void LogCallbackFailed(Exception exception);

    private sealed class Waiter(NsmRecoveryProbe owner, Action callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(callback);
            }
        }
    }
}
