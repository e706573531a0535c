extern alias cli;

using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Attestation;
using NsmDashboard.Nsm;
using NsmDashboard.TestSupport;
using NsmDashboard.Web.Hosting;
using cli::NsmDashboard.Cli.Tls;
using cli::NsmDashboard.Cli.Tunnel;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The browser reaches the dashboard the way the README tells an operator to: through <c>nsm connect</c>. The
/// dashboard serves HTTPS with its key made at start and runs the image of <see cref="ReleaseMeasurements"/>; between
/// it and the tunnel sits a relay the "parent instance" controls (<see cref="SwapToImpostor"/> sends new connections
/// to a debug-mode dashboard under the same emulator root); the tunnel (the code <c>nsm connect</c> runs, in
/// process) attested the dashboard, pinned its certificate, and serves <see cref="NsmDashboardServerFixture.BaseAddress"/>
/// in plain HTTP on loopback.
/// </summary>
public sealed class NsmConnectFixture : NsmDashboardServerFixture
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nsm-connect-e2e-").FullName;
    private readonly StringWriter _log = new() { NewLine = "\n" };
    private NsmDashboardApp? _impostor;
    private SwitchableRelay? _relay;
    private AttestedTunnel? _tunnel;

    public NsmConnectFixture()
    {
        CaDirectory = Directory.CreateDirectory(Path.Combine(_directory, "ca")).FullName;
        ReleaseMeasurements = Path.Combine(_directory, "release.json");
        File.WriteAllText(ReleaseMeasurements, MeasurementsJson(0x42));
    }

    /// <summary>The emulator root both dashboards share.</summary>
    public string CaDirectory { get; }

    /// <summary>nitro-cli's JSON for the image the real dashboard runs: the tunnel's policy.</summary>
    public string ReleaseMeasurements { get; }

    /// <summary>The real dashboard's own (HTTPS) address, behind the relay.</summary>
    public Uri DashboardAddress { get; private set; } = default!;

    /// <summary>What reached the impostor (<c>METHOD /path?query</c>).</summary>
    public RequestRecorder ImpostorRequests { get; } = new();

    /// <summary>The tunnel (its pin, its re-attestations).</summary>
    internal AttestedTunnel Tunnel => _tunnel ?? throw new InvalidOperationException("not started");

    /// <summary>The tunnel's log: attestations, browser and dashboard connections.</summary>
    public string TunnelLog
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <inheritdoc/>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        DashboardAddress = BaseAddress;
        _impostor = new NsmDashboardApp(
            new WebApplicationOptions { EnvironmentName = "Production" },
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["NsmDashboard:Tls:HttpsPort"] = "0",
                    ["Nsm:Mode"] = "emulator",
                    ["Nsm:Emulator:CertificateAuthorityDirectory"] = CaDirectory,
                    ["Nsm:Emulator:MeasurementsFile"] = ReleaseMeasurements,
                    ["Nsm:Emulator:DebugMode"] = "true",
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Logging:LogLevel:NsmDashboard"] = "Error",
                });
                builder.Services.AddSingleton<IStartupFilter>(ImpostorRequests);
            });
        await _impostor.StartAsync(TestContext.Current.CancellationToken);

        _relay = new SwitchableRelay(DashboardAddress);
        var policy = new EnclavePolicy(
            [ExpectedPcrSet.FromMeasurements(ReleaseMeasurements, ExpectedMeasurements.Load(ReleaseMeasurements))],
            AnyEnclave: false,
            AllowDebug: false);
        var attestor = new DashboardAttestor(AttestationTrustRoot.FromEmulatorDirectory(CaDirectory), policy, TimeSpan.FromSeconds(60));
        _tunnel = await AttestedTunnel.StartAsync(
            _relay.Address, new IPEndPoint(IPAddress.Loopback, 0), attestor, new TunnelLog(TextWriter.Synchronized(_log)), TextWriter.Null, TestContext.Current.CancellationToken);
        BaseAddress = _tunnel.Url;
    }

    /// <summary>The parent re-routes: new connections reach the debug-mode impostor; open ones are closed.</summary>
    public void SwapToImpostor() => _relay!.SwitchTo(_impostor!.Addresses.Single(a => a.Scheme == Uri.UriSchemeHttps));

    /// <summary>The parent routes to the real dashboard again.</summary>
    public void SwapBack() => _relay!.SwitchTo(DashboardAddress);

    /// <inheritdoc/>
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        // HTTPS only, with the key made at start, as over vsock in an enclave.
        settings.Remove("urls");
        settings["NsmDashboard:Tls:HttpsPort"] = "0";
        settings["Nsm:Emulator:CertificateAuthorityDirectory"] = CaDirectory;
        settings["Nsm:Emulator:MeasurementsFile"] = ReleaseMeasurements;
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        if (_tunnel is not null)
        {
            await _tunnel.DisposeAsync();
        }

        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }

        if (_impostor is not null)
        {
            await _impostor.StopAsync(CancellationToken.None);
            await _impostor.DisposeAsync();
        }

        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static string MeasurementsJson(byte image) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"Measurements":{"HashAlgorithm":"Sha384 { ... }","PCR0":"{{{Pcr(image, 0)}}}","PCR1":"{{{Pcr(image, 1)}}}","PCR2":"{{{Pcr(image, 2)}}}"}}""");

    private static string Pcr(byte image, int index) => Convert.ToHexStringLower([.. Enumerable.Repeat(image, 47), (byte)index]);
}
