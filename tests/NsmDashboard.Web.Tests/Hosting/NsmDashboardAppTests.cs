using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Hosting;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Hosting;

public sealed class NsmDashboardAppTests
{
    private static NsmDashboardApp Create(string[] args, Dictionary<string, string?>? settings = null, CapturingLoggerProvider? logs = null, Action<WebApplicationBuilder>? more = null) =>
        new(args, builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings ?? []);
            if (logs is not null)
            {
                builder.Logging.ClearProviders().AddProvider(logs);
            }

            more?.Invoke(builder);
        });

    [Fact]
    public async Task Listens_on_loopback_port_5000_unless_told_otherwise()
    {
        await using var app = Create([]);
        Assert.Equal("http://127.0.0.1:5000", app.Application.Configuration["urls"]);
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:8080")]
    [InlineData("--http_ports", "8081")]
    public async Task The_usual_ASP_NET_settings_win(string key, string value)
    {
        await using var app = Create([key, value]);
        Assert.NotEqual("http://127.0.0.1:5000", app.Application.Configuration["urls"]);
    }

    [Fact]
    public async Task Kestrel_endpoints_in_configuration_win()
    {
        await using var app = Create([], new() { ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:7000" });
        Assert.Null(app.Application.Configuration["urls"]);
    }

    [Fact]
    public async Task A_transport_registered_by_the_test_hook_replaces_the_default()
    {
        // Arrange
        using var emulator = new NsmEmulator();

        // Act
        await using var app = Create([], more: b => b.Services.AddSingleton<INsmTransport>(new DeviceLikeTransport(emulator)));

        // Assert
        var state = app.Application.Services.GetRequiredService<NsmStateService>();
        Assert.False(state.IsEmulated);
        Assert.Equal("/dev/nsm", state.TransportDescription);
    }

    [Fact]
    public async Task The_web_root_is_the_top_level_wwwroot_of_the_checkout()
    {
        await using var app = Create(["--contentRoot", FindRepositoryRoot()]);
        Assert.Equal(Path.Combine(FindRepositoryRoot(), "wwwroot"), app.WebRoot);
    }

    [Theory]
    [InlineData("Nsm:Mode", "maybe", "Invalid configuration: Failed to convert configuration value")]
    [InlineData("Nsm:Emulator:InstanceId", "i-XYZ", "Invalid configuration: Nsm:Emulator:InstanceId: InstanceId 'i-XYZ' is not an EC2 instance id")]
    [InlineData("Nsm:DevicePath", "relative/nsm", "Invalid configuration: Nsm:DevicePath must be an absolute path")]
    public async Task Bad_configuration_stops_startup_with_one_clear_line(string key, string value, string expected)
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var app = Create([], new() { [key] = value, ["urls"] = "http://127.0.0.1:0" }, logs);

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.StartsWith(expected, critical.Message, StringComparison.Ordinal);
        Assert.Contains(key, critical.Message, StringComparison.Ordinal);
        Assert.Contains(value, critical.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_mode_without_the_device_names_the_errno()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var app = Create(
            [],
            new() { ["Nsm:Mode"] = "device", ["Nsm:DevicePath"] = "/nonexistent/nsm", ["urls"] = "http://127.0.0.1:0" },
            logs);

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains("ENOENT", critical.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/nsm", critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_mode_without_the_device_says_loudly_that_it_is_emulated()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var app = Create([], new() { ["Nsm:DevicePath"] = "/nonexistent/nsm", ["urls"] = "http://127.0.0.1:0" }, logs);

        // Act
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("THE NSM IS EMULATED", StringComparison.Ordinal));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "src", "NsmDashboard.Web", "NsmDashboard.Web.csproj")))
            {
                return directory.FullName;
            }
        }

        // Built outside the checkout (--artifacts-path): the source tree is where this file was compiled.
        return Path.GetFullPath(Path.Combine(ThisDirectory(), "..", "..", ".."));
    }

    private static string ThisDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
