namespace NsmDashboard.Web.Operations;

/// <summary>
/// The one in-process channel through which PCR changes reach every open dashboard: <see cref="NsmOperations"/>
/// publishes after each mutation, circuits subscribe. Nothing polls the device.
/// </summary>
/// <remarks>
/// Handlers run synchronously on the publishing thread, in subscription order, and must return quickly:
/// a component hands the change to its renderer with <c>InvokeAsync</c> and returns. A handler that throws
/// is logged and does not stop the others or the mutation that published.
/// </remarks>
public sealed partial class PcrChangeNotifier(ILogger<PcrChangeNotifier> logger)
{
    private readonly Lock _gate = new();
    private Action<PcrChange>[] _handlers = [];

    /// <summary>The number of live subscriptions (about one per open PCR view).</summary>
    public int SubscriberCount => Volatile.Read(ref _handlers).Length;

    /// <summary>Subscribes to changes until the returned handle is disposed.</summary>
    /// <param name="handler">Called once per change.</param>
    /// <returns>Dispose it to unsubscribe; disposing twice is harmless.</returns>
    public IDisposable Subscribe(Action<PcrChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <summary>Tells every subscriber about a change.</summary>
    public void Publish(PcrChange change)
    {
        ArgumentNullException.ThrowIfNull(change);

        // Copy-on-write array: publishing never holds the lock while user code runs.
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                handler(change);
            }
            catch (Exception ex)
            {
                // A broken subscriber must not undo or hide a change the NSM already made.
                LogHandlerFailed(ex, change.Kind);
            }
        }
    }

    private void Unsubscribe(Action<PcrChange> handler)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_handlers, handler);
            if (index >= 0)
            {
                _handlers = [.. _handlers.AsSpan(0, index), .. _handlers.AsSpan(index + 1)];
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A PCR change subscriber failed while handling {Kind}.")]
    private partial void LogHandlerFailed(Exception exception, PcrChangeKind kind);

    private sealed class Subscription(PcrChangeNotifier owner, Action<PcrChange> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(handler);
            }
        }
    }
}
