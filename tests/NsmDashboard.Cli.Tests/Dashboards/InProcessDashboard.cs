extern alias web;

using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.TestSupport;
using web::NsmDashboard.Web.Hosting;

namespace NsmDashboard.Cli.Tests.Dashboards;

/// <summary>
/// The real dashboard on Kestrel, in process, on the emulator, with HTTPS on a free loopback port and its key made at
/// start, as in an enclave. It records every request it is sent (method and path), so a test can tell what reached it.
/// </summary>
internal sealed class InProcessDashboard : IAsyncDisposable
{
    private readonly NsmDashboardApp _app;

    private InProcessDashboard(NsmDashboardApp app, RequestRecorder recorder)
    {
        _app = app;
        Requests = recorder.Requests;
    }

    /// <summary>The HTTPS address.</summary>
    public Uri Https => _app.Addresses.Single(a => a.Scheme == Uri.UriSchemeHttps);

    /// <summary><c>METHOD /path?query</c> of every request, in order of arrival.</summary>
    public ConcurrentQueue<string> Requests { get; }

    /// <summary>Starts a dashboard with these extra settings (e.g. <c>Nsm:Emulator:DebugMode</c>).</summary>
    public static async Task<InProcessDashboard> StartAsync(string caDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        var recorder = new RequestRecorder();
        var configuration = new Dictionary<string, string?>
        {
            ["NsmDashboard:Tls:HttpsPort"] = "0",
            ["Nsm:Mode"] = "emulator",
            ["Nsm:Emulator:CertificateAuthorityDirectory"] = caDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:NsmDashboard"] = "Error",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        var app = new NsmDashboardApp(
            new WebApplicationOptions { EnvironmentName = "Production" },
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(configuration);
                builder.Services.AddSingleton<IStartupFilter>(recorder);
            });
        await app.StartAsync(CancellationToken.None);
        return new InProcessDashboard(app, recorder);
    }

    /// <summary>The certificate this dashboard serves, as a client sees it in the handshake.</summary>
    public async Task<X509Certificate2> ServedCertificateAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Https.Host, Https.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate is not null);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" });
        return X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
