using System.Globalization;

namespace NsmDashboard.Nsm.Emulator.Faults;

/// <summary>
/// One line of a fault schedule: which fault (<see cref="Kind"/>), on which requests (<see cref="Operations"/>),
/// when (a window of time after the schedule starts, optionally repeating) and how often within it (every
/// <see cref="EveryNthCall"/>-th matching call, at most <see cref="Limit"/> times).
/// </summary>
/// <remarks>
/// Examples: EIO on every call for 20 s starting 30 s after start (<c>Start=30s, Duration=20s</c>); a garbage answer
/// to the next ExtendPCR only (<c>Kind=Garbage, Operations=[ExtendPCR], Limit=1</c>); every third DescribePCR
/// answered 2 s late (<c>Kind=Slow, Delay=2s, EveryNthCall=3</c>); EIO for 10 s of every minute
/// (<c>Duration=10s, Period=1m</c>).
/// </remarks>
public sealed record NsmFaultRule
{
    /// <summary>The longest <see cref="Delay"/>: the Linux driver gives up after 120 s (ETIMEDOUT), so no real answer is later.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(120);

    /// <summary>The request names <see cref="Operations"/> may list, as the protocol spells them (docs/nsm-messages.md#requests).</summary>
    public static IReadOnlyList<string> OperationNames { get; } =
        ["DescribeNSM", "DescribePCR", "ExtendPCR", "LockPCR", "LockPCRs", "Attestation", "GetRandom"];

    /// <summary>What goes wrong.</summary>
    public NsmFaultKind Kind { get; init; }

    /// <summary>
    /// Before or after the emulated module acts on the request; <see langword="null"/> for the kind's natural phase
    /// (<see cref="EffectivePhase"/>): errno faults strike before, corrupted and slow answers after.
    /// </summary>
    public NsmFaultPhase? Phase { get; init; }

    /// <summary>The requests this rule applies to, by protocol name; empty for all of them.</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    /// <summary>Inject on every Nth matching call inside the window (1: every one). Default 1.</summary>
    public int EveryNthCall { get; init; } = 1;

    /// <summary>Stop after injecting this many faults; <see langword="null"/> for no limit.</summary>
    public int? Limit { get; init; }

    /// <summary>When the (first) window opens, counted from when the schedule was set. Default: at once.</summary>
    public TimeSpan Start { get; init; }

    /// <summary>How long a window stays open; <see langword="null"/> for ever (until the schedule is cleared).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Windows repeat this often (a window of <see cref="Duration"/> every <see cref="Period"/>); <see langword="null"/> for one window.</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>How long the call waits before the fault (or, for <see cref="NsmFaultKind.Slow"/>, the answer) arrives.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The phase this rule strikes in: <see cref="Phase"/>, or the kind's natural one.</summary>
    public NsmFaultPhase EffectivePhase => Phase ?? Kind switch
    {
        NsmFaultKind.Eio or NsmFaultKind.Etimedout or NsmFaultKind.Einval => NsmFaultPhase.BeforeDevice,
        _ => NsmFaultPhase.AfterDevice,
    };

    /// <summary>Whether the rule's window is open <paramref name="elapsed"/> after the schedule was set.</summary>
    public bool IsOpenAt(TimeSpan elapsed)
    {
        var sinceStart = elapsed - Start;
        if (sinceStart < TimeSpan.Zero)
        {
            return false;
        }

        if (Duration is not { } duration)
        {
            return true;
        }

        if (Period is { } period)
        {
            sinceStart = TimeSpan.FromTicks(sinceStart.Ticks % period.Ticks);
        }

        return sinceStart < duration;
    }

    /// <summary>Whether the rule concerns a request of this name (<see cref="OperationNames"/>, or anything else for none).</summary>
    public bool Matches(string operation) =>
        Operations.Count == 0 || Operations.Any(o => string.Equals(o, operation, StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks every value and throws on the first bad one.</summary>
    /// <exception cref="ArgumentException">A value is out of its domain; <see cref="ArgumentException.ParamName"/> names the property.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"Kind must be one of {string.Join(", ", Enum.GetNames<NsmFaultKind>())}.", nameof(Kind));
        }

        if (Phase is { } phase && !Enum.IsDefined(phase))
        {
            throw new ArgumentException("Phase must be BeforeDevice or AfterDevice.", nameof(Phase));
        }

        ArgumentNullException.ThrowIfNull(Operations, nameof(Operations));
        if (Operations.FirstOrDefault(o => !OperationNames.Contains(o, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw new ArgumentException(
                $"Operations: '{unknown}' is not an NSM request; use {string.Join(", ", OperationNames)}.", nameof(Operations));
        }

        if (EveryNthCall < 1)
        {
            throw new ArgumentException(Text($"EveryNthCall must be 1 or more (got {EveryNthCall})."), nameof(EveryNthCall));
        }

        if (Limit is < 1)
        {
            throw new ArgumentException(Text($"Limit must be 1 or more, or absent (got {Limit})."), nameof(Limit));
        }

        if (Start < TimeSpan.Zero)
        {
            throw new ArgumentException(Text($"Start must not be negative (got {Start})."), nameof(Start));
        }

        if (Duration is { } duration && duration <= TimeSpan.Zero)
        {
            throw new ArgumentException(Text($"Duration must be positive, or absent for no end (got {duration})."), nameof(Duration));
        }

        if (Period is { } period && (Duration is not { } windowLength || period <= windowLength))
        {
            throw new ArgumentException(
                Text($"Period ({period}) needs a Duration shorter than it: a window of Duration opens every Period."), nameof(Period));
        }

        if (Delay < TimeSpan.Zero || Delay > MaxDelay)
        {
            throw new ArgumentException(
                Text($"Delay must be between 0 and {MaxDelay.TotalSeconds} s, the driver's own timeout (got {Delay})."), nameof(Delay));
        }

        if (Kind == NsmFaultKind.Slow && Delay == TimeSpan.Zero)
        {
            throw new ArgumentException("Delay must be set for a Slow fault (e.g. 00:00:02).", nameof(Delay));
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
