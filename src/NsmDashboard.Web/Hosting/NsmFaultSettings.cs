using NsmDashboard.Nsm.Emulator.Faults;

namespace NsmDashboard.Web.Hosting;

/// <summary>
/// Fault injection for the emulator, bound from <c>Nsm:Emulator:Faults</c>: off unless <see cref="Enabled"/>; then the
/// emulator answers through a <see cref="FaultInjectingNsmTransport"/> whose schedule starts with <see cref="Rules"/>
/// (and which tests change at run time through the <see cref="NsmFaultSchedule"/> service). Refused with the device.
/// </summary>
public sealed class NsmFaultSettings
{
    /// <summary>Where these settings are bound from.</summary>
    public const string SectionPath = "Nsm:Emulator:Faults";

    /// <summary>Puts the fault-injecting transport in front of the emulator. Default false: no decorator at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>The schedule at start, in the order the rules are tried; their windows count from the start of the app.</summary>
    public IList<NsmFaultRuleSettings> Rules { get; } = [];

    /// <summary>Turns the settings into rules; each problem becomes one line naming its key, and the rule is skipped.</summary>
    public IReadOnlyList<NsmFaultRule> ToRules(string section, ICollection<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var rules = new List<NsmFaultRule>();
        for (var i = 0; i < Rules.Count; i++)
        {
            var key = $"{section}:Rules:{i}";
            if (Rules[i] is not { } settings)
            {
                failures.Add($"{key} must be a section with at least Kind.");
                continue;
            }

            if (!Enum.TryParse<NsmFaultKind>(settings.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind)
                || int.TryParse(settings.Kind, out _))
            {
                failures.Add($"{key}:Kind must be one of {string.Join(", ", KindNames)} (got '{settings.Kind}').");
                continue;
            }

            NsmFaultPhase? phase = null;
            if (settings.Phase is { } phaseText)
            {
                if (!Enum.TryParse<NsmFaultPhase>(phaseText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(phaseText, out _))
                {
                    failures.Add($"{key}:Phase must be BeforeDevice or AfterDevice (got '{phaseText}').");
                    continue;
                }

                phase = parsed;
            }

            var rule = new NsmFaultRule
            {
                Kind = kind,
                Phase = phase,
                Operations = [.. settings.Operations],
                EveryNthCall = settings.EveryNthCall ?? 1,
                Limit = settings.Limit,
                Start = settings.Start ?? TimeSpan.Zero,
                Duration = settings.Duration,
                Period = settings.Period,
                Delay = settings.Delay ?? TimeSpan.Zero,
            };
            try
            {
                rule.Validate();
                rules.Add(rule);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{key}:{ex.ParamName}: {FirstSentences(ex.Message)}");
            }
        }

        return rules;
    }

    // The names operators write: the errno names in capitals, as the driver's man pages spell them.
    private static IEnumerable<string> KindNames => Enum.GetNames<NsmFaultKind>()
        .Select(n => n is "Eio" or "Etimedout" or "Einval" ? n.ToUpperInvariant() : n);

    private static string FirstSentences(string message)
    {
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}

/// <summary>One rule of <c>Nsm:Emulator:Faults:Rules</c> as written in configuration (<see cref="NsmFaultRule"/> says what each means).</summary>
public sealed class NsmFaultRuleSettings
{
    /// <summary><c>EIO</c>, <c>ETIMEDOUT</c>, <c>EINVAL</c>, <c>Truncated</c>, <c>Garbage</c> or <c>Slow</c>.</summary>
    public string? Kind { get; set; }

    /// <summary><c>BeforeDevice</c> or <c>AfterDevice</c>; absent for the kind's natural phase.</summary>
    public string? Phase { get; set; }

    /// <summary>Request names (<c>ExtendPCR</c>, <c>DescribePCR</c>, …); absent or empty for all.</summary>
    public IList<string> Operations { get; } = [];

    /// <summary>Every Nth matching call in the window (default 1).</summary>
    public int? EveryNthCall { get; set; }

    /// <summary>At most this many faults from this rule.</summary>
    public int? Limit { get; set; }

    /// <summary>When the window opens after the app starts (e.g. <c>00:01:00</c>).</summary>
    public TimeSpan? Start { get; set; }

    /// <summary>How long the window stays open; absent for ever.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>The window repeats this often.</summary>
    public TimeSpan? Period { get; set; }

    /// <summary>How late the answer (or the fault) comes.</summary>
    public TimeSpan? Delay { get; set; }
}
