using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NsmDashboard.Vsock;

namespace NsmDashboard.Web.Hosting;

/// <summary>
/// Listening on AF_VSOCK, the only way into a Nitro Enclave (docs/vsock.md#listening). <c>--vsock-port 5000</c>, or
/// <c>NsmDashboard:VsockPort</c> in any configuration source (<c>NsmDashboard__VsockPort=5000</c>), makes Kestrel
/// listen on vsock through <see cref="VsockConnectionListenerFactory"/>; <c>--vsock-cid</c> /
/// <c>NsmDashboard:VsockCid</c> picks the local CID (default <c>any</c>).
/// <para>
/// With a vsock port and no TCP address configured, the dashboard listens on vsock only: inside an enclave the
/// loopback interface is down at boot, so the usual default (127.0.0.1:5000) could not even be bound. TCP
/// addresses given explicitly (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>http_ports</c>, <c>https_ports</c>,
/// <c>Kestrel:Endpoints</c>) are served beside vsock: Kestrel ignores <c>urls</c> once an endpoint is configured in
/// code, so they are copied into <c>Kestrel:Endpoints</c>, which it combines with code endpoints. Kestrel then
/// still warns that it is "overriding" those addresses; the dashboard's own line "Listening on vsock://…; TCP addresses
/// served beside it: …" says that they are served all the same.
/// </para>
/// </summary>
public static partial class VsockListening
{
    /// <summary>The configuration key of the vsock port.</summary>
    public const string PortKey = "NsmDashboard:VsockPort";

    /// <summary>The configuration key of the local CID to bind (a number or <c>any</c>).</summary>
    public const string CidKey = "NsmDashboard:VsockCid";

    // `--vsock-port 5000` and `--vsock-cid any` reach configuration under these keys.
    private const string PortSwitch = "vsock-port";
    private const string CidSwitch = "vsock-cid";

    /// <summary>
    /// Sets up vsock listening when a port is configured. Returns whether one is (then the default TCP address
    /// must not be added). An invalid setting is reported at startup with the other configuration errors.
    /// </summary>
    public static bool Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        string? portText = configuration[PortSwitch] ?? configuration[PortKey];
        string? cidText = configuration[CidSwitch] ?? configuration[CidKey];
        if (string.IsNullOrWhiteSpace(portText))
        {
            return false;
        }

        if (Validate(portText, cidText) is { } failure)
        {
            builder.Services.AddSingleton<IValidateOptions<NsmDashboardOptions>>(new FailedSetting(failure));
            return true;
        }

        var endPoint = new VsockEndPoint(
            string.IsNullOrWhiteSpace(cidText) ? VsockCid.Any : ParseCid(cidText),
            uint.Parse(portText.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        string[] tcp = KeepExplicitTcpAddresses(builder.Configuration);
        if (OperatingSystem.IsLinux())
        {
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionListenerFactory, VsockConnectionListenerFactory>());
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // TLS inside the enclave (docs/tls-binding.md#why): the parent instance relays this socket and must see only ciphertext.
            kestrel.Listen(endPoint, TlsListening.UseHttps);
            var logger = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("NsmDashboard");
            LogVsock(logger, endPoint, tcp.Length == 0 ? "none (vsock only)" : string.Join(", ", tcp));
        });
        return true;
    }

    /// <summary>Whether a vsock port is configured (valid or not).</summary>
    public static bool IsRequested(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[PortSwitch] ?? configuration[PortKey]);
    }

    /// <summary>
    /// Whether TCP addresses are given explicitly: <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>),
    /// <c>http_ports</c>/<c>https_ports</c>, or <c>Kestrel:Endpoints</c>.
    /// </summary>
    public static bool HasExplicitTcpAddresses(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
    }

    private static string? Validate(string portText, string? cidText)
    {
        if (!OperatingSystem.IsLinux())
        {
            return $"{PortKey} (--vsock-port): vsock exists only on Linux.";
        }

        if (!uint.TryParse(portText.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint port)
            || port == VsockEndPoint.AnyPort)
        {
            return $"{PortKey} (--vsock-port) must be a port number from 0 to {VsockEndPoint.AnyPort - 1} (got '{portText}').";
        }

        if (!string.IsNullOrWhiteSpace(cidText) && !VsockEndPoint.TryParseCid(cidText.Trim(), out _))
        {
            return $"{CidKey} (--vsock-cid) must be a CID number or 'any' (got '{cidText}').";
        }

        return null;
    }

    private static uint ParseCid(string text) => VsockEndPoint.TryParseCid(text.Trim(), out uint cid) ? cid : VsockCid.Any;

    /// <summary>
    /// Copies urls, http_ports and https_ports into Kestrel:Endpoints: a code-configured endpoint (vsock, the HTTPS
    /// port) makes Kestrel ignore them. (They cannot be cleared: the host falls back to the values it read at
    /// startup.) Calling it twice writes the same keys with the same values.
    /// </summary>
    internal static string[] KeepExplicitTcpAddresses(ConfigurationManager configuration)
    {
        var urls = new List<string>();
        urls.AddRange(Split(configuration[WebHostDefaults.ServerUrlsKey]));
        if (urls.Count == 0)
        {
            urls.AddRange(Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"http://*:{port}"));
            urls.AddRange(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"https://*:{port}"));
        }

        configuration.AddInMemoryCollection(urls.Select((url, i) =>
            new KeyValuePair<string, string?>($"Kestrel:Endpoints:NsmDashboardTcp{i}:Url", url)));
        return [.. urls];
    }

    private static string[] Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {EndPoint}; TCP addresses served beside it: {Tcp}")]
    private static partial void LogVsock(ILogger logger, VsockEndPoint endPoint, string tcp);

    /// <summary>Reports an invalid vsock setting with the other configuration errors at startup.</summary>
    private sealed class FailedSetting(string failure) : IValidateOptions<NsmDashboardOptions>
    {
        public ValidateOptionsResult Validate(string? name, NsmDashboardOptions options) => ValidateOptionsResult.Fail(failure);
    }
}
