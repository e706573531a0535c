extern alias cli;

using System.Net;
using System.Text.Json;
using cli::NsmDashboard.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Hosting;
using NsmDashboard.Web.Security.Tls;

namespace NsmDashboard.Web.Api.Tests.Features.Attestation;

/// <summary>
/// The real dashboard on Kestrel with HTTPS on a free loopback port and the emulator (its CA kept in a directory, as
/// an operator would pin it), checked by <c>nsm verify-tls</c> run in process: directly, through a relay that only
/// carries bytes, and through a TLS-terminating man in the middle, which must be caught by the binding.
/// </summary>
public sealed class TlsBindingEndToEndTests : IAsyncLifetime
{
    private readonly string _caDirectory = Directory.CreateTempSubdirectory("nsm-tls-ca-").FullName;
    private NsmDashboardApp? _app;

    private NsmDashboardApp App => _app ?? throw new InvalidOperationException("not started");

    private Uri Https => App.Addresses.Single(a => a.Scheme == "https");

    public async ValueTask InitializeAsync()
    {
        _app = new NsmDashboardApp(
            new WebApplicationOptions { EnvironmentName = "Production" },
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["NsmDashboard:Tls:HttpsPort"] = "0",
                ["Nsm:Mode"] = "emulator",
                ["Nsm:Emulator:CertificateAuthorityDirectory"] = _caDirectory,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:NsmDashboard"] = "Error",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            }));
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        Directory.Delete(_caDirectory, recursive: true);
    }

    [Fact]
    public async Task Verify_tls_against_the_dashboard_on_the_emulator_root_succeeds()
    {
        // Act
        var (exit, output, error) = await VerifyTlsAsync(Https, "--emulator-root", _caDirectory);

        // Assert
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        var fingerprint = App.Application.Services.GetRequiredService<DashboardTls>().Identity!.CertificateSha384Hex;
        Assert.Contains($"cert sha384   {fingerprint}", output, StringComparison.Ordinal);
        Assert.Contains("  ✓ Expected nonce:", output, StringComparison.Ordinal);
        Assert.Contains("  ✓ public_key is the served certificate's key:", output, StringComparison.Ordinal);
        Assert.Contains("  ✓ user_data is SHA-384 of the served certificate:", output, StringComparison.Ordinal);
        Assert.Contains("verdict       VERIFIED: this TLS connection ends in the enclave under the emulator root", output, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_JSON_report_says_verified_with_both_binding_checks_passed()
    {
        var (exit, output, _) = await VerifyTlsAsync(Https, "--emulator-root", _caDirectory, "--nonce", "c0ffee", "--json");

        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.True(report.GetProperty("verified").GetBoolean());
        Assert.Equal("c0ffee", report.GetProperty("nonce").GetString());
        Assert.True(report.GetProperty("nonce_given").GetBoolean());
        Assert.All(report.GetProperty("binding").EnumerateArray(), check => Assert.Equal("passed", check.GetProperty("status").GetString()));
        Assert.True(report.GetProperty("attestation").GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_relay_that_only_carries_ciphertext_changes_nothing()
    {
        // Arrange: what the parent instance's proxy does.
        await using var relay = Relay.Transparent(new IPEndPoint(IPAddress.Loopback, Https.Port));

        // Act
        var (exit, output, error) = await VerifyTlsAsync(relay.Address, "--emulator-root", _caDirectory);

        // Assert
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Equal(1, relay.Connections);
    }

    [Fact]
    public async Task A_TLS_terminating_man_in_the_middle_is_caught_by_the_binding()
    {
        // Arrange: a relay with a certificate just like the dashboard's (same subject and names, another key) that
        // forwards the request, nonce included, to the real dashboard and its genuine answer back.
        using var forged = TlsIdentity.Generate([], TimeSpan.FromDays(30), TimeProvider.System);
        await using var relay = Relay.Terminating(new IPEndPoint(IPAddress.Loopback, Https.Port), forged.Certificate);

        // Act
        var (exit, output, error) = await VerifyTlsAsync(relay.Address, "--emulator-root", _caDirectory);

        // Assert: the document itself is genuine and fresh…
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("  ✓ Expected nonce:", output, StringComparison.Ordinal);
        Assert.Contains("  ✓ COSE signature with the leaf key:", output, StringComparison.Ordinal);
        Assert.Contains($"cert sha384   {forged.CertificateSha384Hex}", output, StringComparison.Ordinal);

        // …but it binds the dashboard's certificate, not the one this connection was served.
        Assert.Contains("  ✗ public_key is the served certificate's key:", output, StringComparison.Ordinal);
        Assert.Contains("  ✗ user_data is SHA-384 of the served certificate:", output, StringComparison.Ordinal);
        Assert.Contains("verdict       NOT VERIFIED: public_key is the served certificate's key: failed", output, StringComparison.Ordinal);
        Assert.Equal(1, relay.Connections);
    }

    [Fact]
    public async Task Without_the_emulator_root_the_document_does_not_chain_to_AWS()
    {
        var (exit, output, _) = await VerifyTlsAsync(Https);

        Assert.Equal(1, exit);
        Assert.Contains("NOT VERIFIED: the document is invalid (UntrustedRoot)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_HTTP_port_is_a_connection_error()
    {
        // The https port spoken to in plain HTTP: the handshake fails, exit 2 (usage / connection).
        await using var plain = new NsmDashboardApp(
            new WebApplicationOptions { EnvironmentName = "Production" },
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Nsm:Mode"] = "emulator",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:NsmDashboard"] = "Error",
            }));
        await plain.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri("https://" + plain.Addresses.Single().Authority);

        var (exit, _, error) = await VerifyTlsAsync(address, "--emulator-root", _caDirectory, "--timeout", "10");

        Assert.Equal(2, exit);
        Assert.Contains("cannot open a TLS connection", error, StringComparison.Ordinal);
        await plain.StopAsync(TestContext.Current.CancellationToken);
    }

    private static Task<(int Exit, string Output, string Error)> VerifyTlsAsync(Uri server, params string[] options) =>
        // The CLI blocks on its own I/O; run it off the test's thread so the in-process servers keep theirs.
        Task.Run(() =>
        {
            using var output = new StringWriter { NewLine = "\n" };
            using var error = new StringWriter { NewLine = "\n" };
            var exit = CliApp.Run(["verify-tls", server.GetLeftPart(UriPartial.Authority), .. options], new StringReader(string.Empty), output, error);
            return (exit, output.ToString(), error.ToString());
        });
}
