namespace NsmDashboard.Web.Api.Tests.Metrics;

/// <summary>
/// A clock that starts at the real time and moves only when a test advances it, so that "at most once a second"
/// is tested without sleeping. Timers still run on the system clock (nothing here depends on them).
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _start = TimeProvider.System.GetUtcNow();
    private long _elapsedTicks;

    public override DateTimeOffset GetUtcNow() => _start.AddTicks(Interlocked.Read(ref _elapsedTicks));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);
}
