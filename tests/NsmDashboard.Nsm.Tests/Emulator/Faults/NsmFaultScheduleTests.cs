using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Emulator.Faults;

namespace NsmDashboard.Nsm.Tests.Emulator.Faults;

public sealed class NsmFaultScheduleTests
{
    [Fact]
    public void An_empty_schedule_injects_nothing()
    {
        var schedule = new NsmFaultSchedule();

        Assert.Null(schedule.Next("ExtendPCR"));
        Assert.Equal(0, schedule.InjectedCount);
    }

    [Fact]
    public void Every_nth_matching_call_is_hit_and_other_operations_are_not_counted()
    {
        var schedule = new NsmFaultSchedule([new NsmFaultRule { Kind = NsmFaultKind.Eio, EveryNthCall = 3, Operations = ["DescribePCR"] }]);

        var hits = Enumerable.Range(0, 9)
            .Select(i => schedule.Next(i % 2 == 0 ? "DescribePCR" : "GetRandom") is not null)
            .ToArray();

        // DescribePCR is call 0, 2, 4, 6, 8 → its 1st..5th; only its 3rd (call 4) is hit.
        Assert.Equal([false, false, false, false, true, false, false, false, false], hits);
        Assert.Equal(1, schedule.InjectedCount);
    }

    [Fact]
    public void A_window_opens_at_its_start_closes_after_its_duration_and_repeats_with_its_period()
    {
        var clock = new ManualClock();
        var schedule = new NsmFaultSchedule(
            [new NsmFaultRule { Kind = NsmFaultKind.Etimedout, Start = TimeSpan.FromSeconds(10), Duration = TimeSpan.FromSeconds(5), Period = TimeSpan.FromSeconds(60) }],
            clock);

        bool HitAt(double seconds)
        {
            clock.Advance(TimeSpan.FromSeconds(seconds));
            return schedule.Next("DescribeNSM") is not null;
        }

        Assert.False(HitAt(0));      // t = 0
        Assert.True(HitAt(10));      // t = 10: open
        Assert.True(HitAt(4.9));     // t = 14.9
        Assert.False(HitAt(0.1));    // t = 15: closed
        Assert.False(HitAt(54.9));   // t = 69.9
        Assert.True(HitAt(0.1));     // t = 70: the next window
    }

    [Fact]
    public void A_limit_stops_the_rule_and_clear_recovers_at_once()
    {
        var schedule = new NsmFaultSchedule([new NsmFaultRule { Kind = NsmFaultKind.Garbage, Limit = 2 }]);

        Assert.NotNull(schedule.Next("ExtendPCR"));
        Assert.NotNull(schedule.Next("ExtendPCR"));
        Assert.Null(schedule.Next("ExtendPCR"));

        schedule.Clear();
        Assert.Empty(schedule.Rules);
        Assert.Equal(2, schedule.InjectedCount);
    }

    [Theory]
    [InlineData("EveryNthCall")]
    [InlineData("Limit")]
    [InlineData("Duration")]
    [InlineData("Period")]
    [InlineData("Delay")]
    [InlineData("Operations")]
    [InlineData("Start")]
    public void A_malformed_rule_is_refused_naming_the_setting(string setting)
    {
        var rule = setting switch
        {
            "EveryNthCall" => new NsmFaultRule { EveryNthCall = 0 },
            "Limit" => new NsmFaultRule { Limit = 0 },
            "Duration" => new NsmFaultRule { Duration = TimeSpan.Zero },
            "Period" => new NsmFaultRule { Duration = TimeSpan.FromSeconds(5), Period = TimeSpan.FromSeconds(5) },
            "Delay" => new NsmFaultRule { Kind = NsmFaultKind.Slow },
            "Operations" => new NsmFaultRule { Operations = ["ExtendPcrs"] },
            _ => new NsmFaultRule { Start = TimeSpan.FromSeconds(-1) },
        };

        var error = Assert.Throws<ArgumentException>(() => new NsmFaultSchedule([rule]));

        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void Rules_cannot_be_set_on_a_schedule_no_transport_uses()
    {
        var schedule = new NsmFaultSchedule();

        Assert.Throws<InvalidOperationException>(() => schedule.Set(new NsmFaultRule()));

        using var transport = new FaultInjectingNsmTransport(new NsmEmulator(), schedule);
        schedule.Set(new NsmFaultRule());
        Assert.Single(schedule.Rules);
    }
}
