namespace NsmDashboard.Nsm.Emulator.Faults;

/// <summary>
/// The faults a <see cref="FaultInjectingNsmTransport"/> injects, and when: a list of <see cref="NsmFaultRule"/>s whose
/// windows are counted from the moment the schedule was last set. Tests (and only tests: nothing exposes it over
/// HTTP) change it while the app runs — <see cref="Set(IEnumerable{NsmFaultRule})"/> a window of failures, <see cref="Clear"/> it to let the
/// "device" recover. Thread-safe.
/// </summary>
public sealed class NsmFaultSchedule
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private RuleState[] _rules = [];
    private long _setAt;
    private long _injected;
    private int _attached;

    /// <summary>Creates a schedule, empty or with rules, on a clock.</summary>
    /// <param name="rules">The first rules; their windows start now.</param>
    /// <param name="timeProvider">The clock windows are measured on; the system clock when null.</param>
    /// <exception cref="ArgumentException">A rule is malformed (<see cref="NsmFaultRule.Validate"/>).</exception>
    public NsmFaultSchedule(IEnumerable<NsmFaultRule>? rules = null, TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        Replace(Validated(rules ?? []));
    }

    /// <summary>The rules in force, in the order they are tried.</summary>
    public IReadOnlyList<NsmFaultRule> Rules
    {
        get
        {
            lock (_lock)
            {
                return [.. _rules.Select(r => r.Rule)];
            }
        }
    }

    /// <summary>How many faults have been injected since the schedule was created.</summary>
    public long InjectedCount => Interlocked.Read(ref _injected);

    /// <summary>Whether a transport injects this schedule's faults; setting rules on a detached schedule is refused.</summary>
    public bool IsAttached => Volatile.Read(ref _attached) != 0;

    /// <summary>Replaces the rules; their windows and call counts start again from now.</summary>
    /// <exception cref="ArgumentException">A rule is malformed; nothing is changed.</exception>
    /// <exception cref="InvalidOperationException">Rules were given but no transport uses this schedule (fault injection is off).</exception>
    public void Set(IEnumerable<NsmFaultRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var states = Validated(rules);
        if (states.Length > 0 && !IsAttached)
        {
            // Nothing injects this schedule's faults: the caller expects failures that would never come.
            throw new InvalidOperationException("Fault injection is off: no transport injects this schedule's faults.");
        }

        Replace(states);
    }

    /// <summary>Replaces the rules (<see cref="Set(IEnumerable{NsmFaultRule})"/>).</summary>
    public void Set(params NsmFaultRule[] rules) => Set((IEnumerable<NsmFaultRule>)rules);

    /// <summary>Removes every rule: the next call is answered normally (the device has recovered).</summary>
    public void Clear() => Replace([]);

    /// <summary>
    /// Decides the fault for one call: the first rule whose window is open, that concerns <paramref name="operation"/>,
    /// and whose call count (of calls it matched inside its window) has reached a multiple of its EveryNthCall,
    /// within its limit. Every matching rule counts the call.
    /// </summary>
    /// <returns>The rule to apply, or <see langword="null"/> to answer normally.</returns>
    public NsmFaultRule? Next(string operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (_lock)
        {
            if (_rules.Length == 0)
            {
                return null;
            }

            var elapsed = _time.GetElapsedTime(_setAt);
            NsmFaultRule? chosen = null;
            foreach (var state in _rules)
            {
                var rule = state.Rule;
                if (!rule.IsOpenAt(elapsed) || !rule.Matches(operation))
                {
                    continue;
                }

                state.Calls++;
                if (chosen is null && state.Calls % rule.EveryNthCall == 0 && (rule.Limit is not { } limit || state.Injected < limit))
                {
                    state.Injected++;
                    chosen = rule;
                }
            }

            if (chosen is not null)
            {
                _injected++;
            }

            return chosen;
        }
    }

    private static RuleState[] Validated(IEnumerable<NsmFaultRule> rules) =>
        [.. rules.Select(rule =>
        {
            ArgumentNullException.ThrowIfNull(rule);
            rule.Validate();
            return new RuleState(rule);
        })];

    private void Replace(RuleState[] states)
    {
        lock (_lock)
        {
            _rules = states;
            _setAt = _time.GetTimestamp();
        }
    }

    /// <summary>Called by the transport that injects this schedule's faults.</summary>
    internal void Attach() => Interlocked.Exchange(ref _attached, 1);

    private sealed class RuleState(NsmFaultRule rule)
    {
        public NsmFaultRule Rule { get; } = rule;

        public long Calls { get; set; }

        public long Injected { get; set; }
    }
}
