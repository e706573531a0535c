using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Emulator.Faults;
using NsmDashboard.Web.Hosting;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Hosting;

public sealed class FaultConfigurationTests
{
    private static NsmDashboardApp Create(Dictionary<string, string?> settings, CapturingLoggerProvider logs, Action<WebApplicationBuilder>? more = null) =>
        new([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["urls"] = "http://127.0.0.1:0" });
            builder.Logging.ClearProviders().AddProvider(logs);
            more?.Invoke(builder);
        });

    [Fact]
    public async Task Off_by_default_the_emulator_is_not_wrapped_and_the_schedule_refuses_rules()
    {
        // Arrange
        await using var app = Create(new() { ["Nsm:Mode"] = "emulator" }, new CapturingLoggerProvider());

        // Act
        var transport = app.Application.Services.GetRequiredService<INsmTransport>();
        var schedule = app.Application.Services.GetRequiredService<NsmFaultSchedule>();

        // Assert
        Assert.IsType<NsmEmulator>(transport);
        Assert.Throws<InvalidOperationException>(() => schedule.Set(new NsmFaultRule()));
    }

    [Fact]
    public async Task Configured_rules_wrap_the_emulator_and_say_so_loudly()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var app = Create(
            new()
            {
                ["Nsm:Mode"] = "emulator",
                ["Nsm:Emulator:Faults:Enabled"] = "true",
                ["Nsm:Emulator:Faults:Rules:0:Kind"] = "ETIMEDOUT",
                ["Nsm:Emulator:Faults:Rules:0:Operations:0"] = "ExtendPCR",
                ["Nsm:Emulator:Faults:Rules:0:Start"] = "00:00:30",
                ["Nsm:Emulator:Faults:Rules:0:Duration"] = "00:00:10",
                ["Nsm:Emulator:Faults:Rules:0:Period"] = "00:01:00",
                ["Nsm:Emulator:Faults:Rules:1:Kind"] = "garbage",
                ["Nsm:Emulator:Faults:Rules:1:EveryNthCall"] = "7",
            },
            logs);

        // Act
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        // Assert
        var transport = Assert.IsType<FaultInjectingNsmTransport>(app.Application.Services.GetRequiredService<INsmTransport>());
        Assert.Same(app.Application.Services.GetRequiredService<NsmFaultSchedule>(), transport.Schedule);
        Assert.Collection(
            transport.Schedule.Rules,
            r => Assert.Equal((NsmFaultKind.Etimedout, "ExtendPCR", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)), (r.Kind, r.Operations.Single(), r.Start, r.Period!.Value)),
            r => Assert.Equal((NsmFaultKind.Garbage, 7), (r.Kind, r.EveryNthCall)));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("FAULT INJECTION IS ON", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Nsm:Emulator:Faults:Rules:0:Kind", "EBUSY", "Nsm:Emulator:Faults:Rules:0:Kind must be one of EIO, ETIMEDOUT, EINVAL, Truncated, Garbage, Slow")]
    [InlineData("Nsm:Emulator:Faults:Rules:0:EveryNthCall", "0", "Nsm:Emulator:Faults:Rules:0:EveryNthCall: EveryNthCall must be 1 or more")]
    [InlineData("Nsm:Emulator:Faults:Rules:0:Operations:0", "ExtendPcrs", "Nsm:Emulator:Faults:Rules:0:Operations: Operations: 'ExtendPcrs' is not an NSM request")]
    [InlineData("Nsm:Emulator:Faults:Rules:0:Phase", "During", "Nsm:Emulator:Faults:Rules:0:Phase must be BeforeDevice or AfterDevice")]
    [InlineData("Nsm:Emulator:Faults:Rules:0:Delay", "00:05:00", "Nsm:Emulator:Faults:Rules:0:Delay: Delay must be between 0 and 120 s")]
    public async Task A_malformed_rule_stops_startup_with_one_line_naming_its_key(string key, string value, string expected)
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?>
        {
            ["Nsm:Mode"] = "emulator",
            ["Nsm:Emulator:Faults:Enabled"] = "true",
            ["Nsm:Emulator:Faults:Rules:0:Kind"] = "EIO",
            [key] = value,
        };
        await using var app = Create(settings, logs);

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.StartsWith("Invalid configuration: " + expected, critical.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_without_Enabled_are_refused_rather_than_ignored()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = Create(new() { ["Nsm:Mode"] = "emulator", ["Nsm:Emulator:Faults:Rules:0:Kind"] = "EIO" }, logs);

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains("Nsm:Emulator:Faults:Enabled is not true", critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_mode_refuses_fault_injection_with_one_line()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var app = Create(
            new() { ["Nsm:Mode"] = "device", ["Nsm:DevicePath"] = "/dev/nsm", ["Nsm:Emulator:Faults:Enabled"] = "true" }, logs);

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // Assert: refused before any device is opened (there is none here: no ENOENT line)
        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Equal(
            "Invalid configuration: Nsm:Emulator:Faults:Enabled is true but the NSM is the real device (Nsm:Mode=device): fault injection is for the emulator only. Remove Nsm:Emulator:Faults or set Nsm:Mode=emulator.",
            critical.Message);
    }

    [Fact]
    public async Task Auto_mode_that_finds_a_device_refuses_fault_injection_with_one_line()
    {
        // Arrange: a device (the emulator presented as /dev/nsm), found by auto mode
        var logs = new CapturingLoggerProvider();
        using var emulator = new NsmEmulator();
        await using var app = Create(
            new() { ["Nsm:Emulator:Faults:Enabled"] = "true" },
            logs,
            b => b.Services.AddSingleton<INsmTransport>(new DeviceLikeTransport(emulator)));

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.StartsWith("Invalid configuration: Nsm:Emulator:Faults:Enabled is true but the NSM is the real device (Nsm:Mode=auto found /dev/nsm)", critical.Message, StringComparison.Ordinal);
    }
}
