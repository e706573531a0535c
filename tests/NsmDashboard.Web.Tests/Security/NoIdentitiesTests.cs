using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Hosting;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Security;

/// <summary>Starting with no identities: a one-time operator login on the emulator, read-only on a device; and bad identities stop startup.</summary>
public sealed partial class NoIdentitiesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NsmDashboardApp Create(Dictionary<string, string?> settings, CapturingLoggerProvider logs, INsmTransport? transport = null) =>
        new([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders().AddProvider(logs);
            if (transport is not null)
            {
                builder.Services.AddSingleton(transport);
            }
        });

    [Fact]
    public async Task The_emulator_prints_a_one_time_operator_login_url_that_signs_in_once()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var app = Create(new() { ["urls"] = "http://127.0.0.1:0", ["Nsm:Mode"] = "emulator" }, logs);

        // Act
        await app.StartAsync(Ct);
        var line = Assert.Single(logs.Entries, e => e.Message.Contains("/login?token=", StringComparison.Ordinal));
        var url = LoginUrl().Match(line.Message).Value;
        var token = url[(url.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.Addresses.Single() };
        var signIn = await browser.GetAsync(new Uri(url), Ct);
        var me = await browser.GetStringAsync("/api/me", Ct);
        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Addresses.Single() };
        var again = await other.GetAsync(new Uri(url), Ct);
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var asBearer = await other.GetAsync("/api/me", Ct);
        await app.StopAsync(Ct);

        // Assert
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("it works once, until", line.Message, StringComparison.Ordinal);
        Assert.StartsWith(app.Addresses.Single().ToString().TrimEnd('/') + "/login?token=nsm_", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("\"role\":\"Operator\"", me, StringComparison.Ordinal);
        Assert.Contains("one-time-token", me, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
    }

    [Fact]
    public async Task A_device_without_operators_is_read_only_for_everyone_and_says_so()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        using var emulator = new NsmEmulator();
        await using var app = Create(new() { ["urls"] = "http://127.0.0.1:0", ["Nsm:Mode"] = "auto" }, logs, new DeviceLikeTransport(emulator));
        await app.StartAsync(Ct);
        using var client = new HttpClient { BaseAddress = app.Addresses.Single() };

        // Act
        var read = await client.GetAsync("/api/pcrs/16", Ct);
        var extend = await client.PostAsync("/api/pcrs/16/extend", new StringContent("""{"data":"01"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        var after = await client.GetStringAsync("/api/pcrs/16", Ct);
        var audit = await client.GetStringAsync("/api/audit", Ct);
        await app.StopAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, extend.StatusCode);
        Assert.Equal(await read.Content.ReadAsStringAsync(Ct), after);
        Assert.Contains("\"outcome\":\"Denied\"", audit, StringComparison.Ordinal);
        Assert.Contains("No operators are configured", audit, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("read-only", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("/login?token=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_identities_stop_startup_with_one_clear_line_each()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var app = Create(
            new()
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Nsm:Mode"] = "emulator",
                ["Auth:Users:0:Name"] = "ann",
                ["Auth:Users:0:Role"] = "Root",
                ["Auth:Users:0:PasswordHash"] = "plaintext-password",
            },
            logs);

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));

        // Assert
        var critical = logs.Entries.Where(e => e.Level == LogLevel.Critical).Select(e => e.Message).ToArray();
        Assert.Equal(2, critical.Length);
        Assert.All(critical, m => Assert.StartsWith("Invalid configuration: Auth:Users:0:", m, StringComparison.Ordinal));
        Assert.DoesNotContain(critical, m => m.Contains("plaintext-password", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"http://\S+/login\?token=\S+")]
    private static partial Regex LoginUrl();
}
