using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using NsmDashboard.Web.Security.Tls;

namespace NsmDashboard.Web.Hosting;

/// <summary>
/// Kestrel's side of the dashboard's own TLS: an HTTPS endpoint on <c>--https-port</c> (loopback), the
/// certificate of <see cref="DashboardTls"/> on the vsock endpoint (<see cref="VsockListening"/>) and as the default
/// for every other https address. The certificate is made when the services are, so Kestrel reads it when it starts.
/// </summary>
public static class TlsListening
{
    /// <summary>The configuration key of the HTTPS port.</summary>
    public const string HttpsPortKey = TlsOptions.SectionName + ":HttpsPort";

    // `--https-port 5001` reaches configuration under this key (not ASP.NET Core's https_port, which only names a
    // port for redirects and listens on nothing).
    private const string HttpsPortSwitch = "https-port";

    /// <summary>Whether the dashboard terminates TLS itself: <c>on</c>, or <c>auto</c> with vsock or an HTTPS port.</summary>
    public static bool ServesTls(TlsMode mode, int? httpsPort, bool vsock) => mode switch
    {
        TlsMode.On => true,
        TlsMode.Off => false,
        _ => vsock || httpsPort is not null,
    };

    /// <summary>
    /// Adds the HTTPS endpoint when one is due. Returns whether it did (then the default plain-HTTP address must not be
    /// added). Invalid settings add nothing here: <see cref="ValidateTlsOptions"/> reports them at startup.
    /// </summary>
    public static bool Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (configuration[HttpsPortSwitch] is { Length: > 0 } portSwitch)
        {
            configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(HttpsPortKey, portSwitch)]);
        }

        var vsock = VsockListening.IsRequested(configuration);
        if (!TryReadMode(configuration, out var mode) || !TryReadPort(configuration, out var port))
        {
            return false;
        }

        if (!ServesTls(mode, port, vsock))
        {
            return false;
        }

        // Any https address given with --urls or Kestrel:Endpoints serves the attested certificate too.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => UseDashboardCertificate(https, kestrel.ApplicationServices)));

        int? listenPort = port ?? (mode == TlsMode.On && !vsock && !VsockListening.HasExplicitTcpAddresses(configuration)
            ? TlsOptions.DefaultHttpsPort
            : null);
        if (listenPort is not { } httpsPort)
        {
            return false;
        }

        VsockListening.KeepExplicitTcpAddresses(configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, httpsPort, UseHttps));
        return true;
    }

    /// <summary>
    /// Serves the endpoint over TLS with the dashboard's certificate when TLS is on (decided from configuration, as
    /// <see cref="DashboardTls"/> decides it).
    /// </summary>
    public static void UseHttps(ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var configuration = listen.ApplicationServices.GetRequiredService<IConfiguration>();
        if (TryReadMode(configuration, out var mode) && TryReadPort(configuration, out var port)
            && ServesTls(mode, port, VsockListening.IsRequested(configuration)))
        {
            listen.UseHttps(https => UseDashboardCertificate(https, listen.ApplicationServices));
        }
    }

    // Kestrel applies its options when the host is built, before the startup checks have made (or refused) the
    // certificate; so it is looked up at the handshake. By then the checks have passed, or the server never started.
    private static void UseDashboardCertificate(HttpsConnectionAdapterOptions https, IServiceProvider services) =>
        https.ServerCertificateSelector = (_, _) => services.GetRequiredService<DashboardTls>().Identity?.Certificate;

    private static bool TryReadMode(IConfiguration configuration, out TlsMode mode)
    {
        var text = configuration[TlsOptions.SectionName + ":Mode"];
        mode = TlsMode.Auto;
        return string.IsNullOrWhiteSpace(text)
            || (Enum.TryParse(text.Trim(), ignoreCase: true, out mode) && Enum.IsDefined(mode));
    }

    private static bool TryReadPort(IConfiguration configuration, out int? port)
    {
        var text = configuration[HttpsPortKey];
        port = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 65535)
        {
            port = value;
            return true;
        }

        return false;
    }
}
