using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NsmDashboard.Web.Hosting;
using NsmDashboard.Web.Security.Tls;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Hosting;

public sealed class TlsConfigurationTests
{
    [Theory]
    [InlineData(TlsMode.Auto, null, false, false)]
    [InlineData(TlsMode.Auto, 5001, false, true)]
    [InlineData(TlsMode.Auto, null, true, true)]
    [InlineData(TlsMode.On, null, false, true)]
    [InlineData(TlsMode.Off, null, true, false)]
    public void Auto_means_TLS_on_vsock_and_on_an_HTTPS_port(TlsMode mode, int? port, bool vsock, bool expected) =>
        Assert.Equal(expected, TlsListening.ServesTls(mode, port, vsock));

    [Fact]
    public void Valid_defaults_pass()
    {
        Assert.True(new ValidateTlsOptions().Validate(null, new TlsOptions()).Succeeded);
    }

    [Fact]
    public void Every_problem_is_one_line_naming_its_setting()
    {
        // Arrange
        var options = new TlsOptions { Mode = (TlsMode)7, HttpsPort = 70000, KeyPath = "/k.pem", ValidityDays = 0 };

        // Act
        var result = new ValidateTlsOptions().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        Assert.Equal(
            [
                "NsmDashboard:Tls:Mode must be auto, on or off.",
                "NsmDashboard:Tls:HttpsPort (--https-port) must be a port number from 0 to 65535 (got 70000).",
                "NsmDashboard:Tls:KeyPath is set without NsmDashboard:Tls:CertificatePath: give the certificate it belongs to.",
                "NsmDashboard:Tls:ValidityDays must be from 1 to 397 (got 0).",
            ],
            result.Failures);
    }

    [Fact]
    public void Off_with_an_HTTPS_port_contradicts_itself()
    {
        var result = new ValidateTlsOptions().Validate(null, new TlsOptions { Mode = TlsMode.Off, HttpsPort = 5001 });
        Assert.Contains("Mode is off but", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_default_stays_plain_HTTP_on_port_5000()
    {
        await using var app = new NsmDashboardApp([]);
        var tls = app.Application.Services.GetRequiredService<DashboardTls>();
        Assert.False(tls.IsEnabled);
        Assert.Null(tls.Identity);
        Assert.Equal("http://127.0.0.1:5000", app.Application.Configuration["urls"]);
    }

    [Fact]
    public async Task An_HTTPS_port_switch_turns_TLS_on_and_replaces_the_default_address()
    {
        await using var app = new NsmDashboardApp(["--https-port", "0", "--Nsm:Mode=emulator"]);
        var tls = app.Application.Services.GetRequiredService<DashboardTls>();
        Assert.True(tls.IsEnabled);
        Assert.Equal(0, app.Application.Services.GetRequiredService<IOptions<TlsOptions>>().Value.HttpsPort);
        Assert.Null(app.Application.Configuration["urls"]);
    }

    [Fact]
    public async Task Vsock_turns_TLS_on_so_the_parent_carries_only_ciphertext()
    {
        await using var app = new NsmDashboardApp(["--vsock-port", "5000"]);
        var tls = app.Application.Services.GetRequiredService<DashboardTls>();
        Assert.True(tls.IsEnabled);
        Assert.Contains("vsock", tls.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mode_off_keeps_vsock_plain()
    {
        await using var app = new NsmDashboardApp(["--vsock-port", "5000", "--NsmDashboard:Tls:Mode=off"]);
        Assert.False(app.Application.Services.GetRequiredService<DashboardTls>().IsEnabled);
    }

    [Fact]
    public async Task The_dashboard_serves_HTTPS_with_its_certificate_on_the_HTTPS_port()
    {
        // Arrange
        await using var app = new NsmDashboardApp(["--https-port", "0", "--Nsm:Mode=emulator"], Quiet);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = Assert.Single(app.Addresses);
        var identity = app.Application.Services.GetRequiredService<DashboardTls>().Identity!;
        byte[]? served = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                served = certificate?.RawData;
                return true;
            },
        };
        using var client = new HttpClient(handler);

        // Act
        using var response = await client.GetAsync(new Uri(address, "/healthz"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("https", address.Scheme);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.Equal(identity.Der, served);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("NsmDashboard:Tls:Mode", "maybe", "Invalid configuration: Failed to convert configuration value")]
    [InlineData("NsmDashboard:Tls:HttpsPort", "99999", "Invalid configuration: NsmDashboard:Tls:HttpsPort (--https-port) must be a port number")]
    [InlineData("NsmDashboard:Tls:CertificatePath", "/nonexistent/tls.pem", "Invalid configuration: NsmDashboard:Tls:CertificatePath '/nonexistent/tls.pem' does not exist.")]
    public async Task Bad_TLS_configuration_stops_startup_with_one_clear_line(string key, string value, string expected)
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var app = new NsmDashboardApp([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [key] = value,
                ["NsmDashboard:Tls:Mode"] = key.EndsWith(":Mode", StringComparison.Ordinal) ? value : "on",
                ["urls"] = "http://127.0.0.1:0",
                ["Nsm:Mode"] = "emulator",
            });
            builder.Logging.ClearProviders().AddProvider(logs);
        });

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.StartsWith(expected, critical.Message, StringComparison.Ordinal);
        Assert.Contains(key, critical.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", critical.Message, StringComparison.Ordinal);
    }

    private static void Quiet(WebApplicationBuilder builder) =>
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:NsmDashboard"] = "Error",
        });
}
