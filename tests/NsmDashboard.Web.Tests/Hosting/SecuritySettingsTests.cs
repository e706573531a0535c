using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Vsock;
using NsmDashboard.Web.Hosting;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Hosting;

/// <summary>
/// The settings that decide who reaches the dashboard and how much of it: the PROXY header on the vsock listener,
/// the connection limits, and the warning for a TLS key read from a file on a real device.
/// </summary>
public sealed class SecuritySettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nsm-tls-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(null, ProxyProtocolMode.Require)]
    [InlineData("", ProxyProtocolMode.Require)]
    [InlineData("require", ProxyProtocolMode.Require)]
    [InlineData("Accept", ProxyProtocolMode.Accept)]
    [InlineData(" OFF ", ProxyProtocolMode.Off)]
    public void The_proxy_protocol_setting_defaults_to_require(string? text, ProxyProtocolMode expected) =>
        Assert.Equal(expected, VsockListening.ParseProxyProtocol(text));

    [Theory]
    [InlineData("maybe")]
    [InlineData("1")]
    [InlineData("true")]
    public void Anything_else_is_refused_with_the_setting_named(string text) =>
        Assert.Contains("NsmDashboard:ProxyProtocol must be off, accept or require", Assert.Throws<FormatException>(() => VsockListening.ParseProxyProtocol(text)).Message, StringComparison.Ordinal);

    [Fact]
    public async Task The_vsock_listener_says_at_start_that_it_requires_the_header()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var app = new NsmDashboardApp(["--vsock-port", "5000", "--Nsm:Mode=emulator"], builder => builder.Logging.ClearProviders().AddProvider(logs));

        // Act: Kestrel's options are what the listener is configured by.
        _ = app.Application.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        // Assert
        var line = Assert.Single(logs.Entries, e => e.Message.StartsWith("PROXY protocol v2 header on vsock://any:5000", StringComparison.Ordinal));
        Assert.Contains("required", line.Message, StringComparison.Ordinal);
        Assert.Contains("nsm-proxy sends it by default", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_proxy_protocol_setting_stops_startup_with_one_clear_line()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var app = new NsmDashboardApp(
            ["--vsock-port", "5000", "--Nsm:Mode=emulator", "--NsmDashboard:ProxyProtocol=sometimes"],
            builder => builder.Logging.ClearProviders().AddProvider(logs));

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));

        // Assert
        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Equal("Invalid configuration: NsmDashboard:ProxyProtocol must be off, accept or require (got 'sometimes').", critical.Message);
    }

    [Fact]
    public async Task Kestrel_gets_the_connection_limits_sized_for_an_enclave_unless_configured()
    {
        await using var defaults = new NsmDashboardApp(["--Nsm:Mode=emulator"]);
        await using var configured = new NsmDashboardApp(["--Nsm:Mode=emulator", "--NsmDashboard:Limits:MaxConnections=7", "--NsmDashboard:Limits:MaxUpgradedConnections=3"]);

        var byDefault = defaults.Application.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        var set = configured.Application.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal((512L, 128L), (byDefault.MaxConcurrentConnections, byDefault.MaxConcurrentUpgradedConnections));
        Assert.Equal((7L, 3L), (set.MaxConcurrentConnections, set.MaxConcurrentUpgradedConnections));
        Assert.Equal(100, defaults.Application.Services.GetRequiredService<IOptions<ConnectionLimitOptions>>().Value.MaxCircuits);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task A_TLS_key_from_a_file_on_a_real_device_is_warned_about(bool device, bool warned)
    {
        // Arrange
        var (certificate, key) = WriteCertificate();
        var logs = new CapturingLoggerProvider();
        using var emulator = new NsmEmulator();
        await using var app = new NsmDashboardApp([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Nsm:Mode"] = device ? "auto" : "emulator",
                ["NsmDashboard:Tls:Mode"] = "on",
                ["NsmDashboard:Tls:CertificatePath"] = certificate,
                ["NsmDashboard:Tls:KeyPath"] = key,
            });
            builder.Logging.ClearProviders().AddProvider(logs);
            builder.Services.AddSingleton<NsmDashboard.Nsm.Device.INsmTransport>(device ? new DeviceLikeTransport(emulator) : emulator);
        });

        // Act
        await app.StartAsync(Ct);
        await app.StopAsync(Ct);

        // Assert
        var warning = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("the parent instance, if it put it there", StringComparison.Ordinal)).ToArray();
        Assert.Equal(warned ? 1 : 0, warning.Length);
        if (warned)
        {
            Assert.Contains(key, warning[0].Message, StringComparison.Ordinal);
            Assert.Contains("nsm verify-tls would still pass", warning[0].Message, StringComparison.Ordinal);
        }
    }

    private (string Certificate, string Key) WriteCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=from-a-file", key, HashAlgorithmName.SHA384);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10));
        var certificatePath = Path.Combine(_directory, "tls.crt.pem");
        var keyPath = Path.Combine(_directory, "tls.key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
