using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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
/// <para>
/// The vsock endpoint reads the PROXY protocol v2 header nsm-proxy writes (<see cref="ProxyProtocolKey"/>,
/// <c>require</c> by default) before TLS, so that rate limits, the audit trail and logs see the browser's address
/// instead of the parent's CID (docs/proxy-protocol.md). TCP endpoints never read it: any client could forge it there.
/// </para>
/// </summary>
public static partial class VsockListening
{
    /// <summary>The configuration key of the vsock port.</summary>
    public const string PortKey = "NsmDashboard:VsockPort";

    /// <summary>The configuration key of the local CID to bind (a number or <c>any</c>).</summary>
    public const string CidKey = "NsmDashboard:VsockCid";

    /// <summary>
    /// The configuration key of the PROXY protocol v2 header on the vsock endpoint: <c>require</c> (the default:
    /// nsm-proxy sends it, and a connection without it is refused), <c>accept</c> (read when present), <c>off</c>.
    /// </summary>
    public const string ProxyProtocolKey = "NsmDashboard:ProxyProtocol";

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

        if ((Validate(portText, cidText) ?? ValidateProxyProtocol(configuration[ProxyProtocolKey])) is { } failure)
        {
            builder.Services.AddSingleton<IValidateOptions<NsmDashboardOptions>>(new FailedSetting(failure));
            return true;
        }

        var endPoint = new VsockEndPoint(
            string.IsNullOrWhiteSpace(cidText) ? VsockCid.Any : ParseCid(cidText),
            uint.Parse(portText.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        string[] tcp = KeepExplicitTcpAddresses(builder.Configuration);
        // A vsock-capable transport registered before (a host's own, or a test's stand-in on a machine without vsock)
        // is used instead of the built-in one, as every other registration made first wins.
        if (OperatingSystem.IsLinux() && !builder.Services.Any(d => d.ServiceType == typeof(IConnectionListenerFactory)
            && d.ImplementationInstance is IConnectionListenerFactorySelector selector && selector.CanBind(endPoint)))
        {
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionListenerFactory, VsockConnectionListenerFactory>());
        }

        var proxyProtocol = ParseProxyProtocol(configuration[ProxyProtocolKey]);
        builder.Services.TryAddSingleton<ProxyProtocolStatistics>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The PROXY header comes first on the wire, then the TLS handshake: its middleware goes first. TLS inside the
            // enclave (docs/tls-binding.md#why): the parent instance relays this socket and must see only ciphertext.
            kestrel.Listen(endPoint, listen =>
            {
                UseProxyProtocol(listen, proxyProtocol);
                TlsListening.UseHttps(listen);
            });
            var logger = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("NsmDashboard");
            LogVsock(logger, endPoint, tcp.Length == 0 ? "none (vsock only)" : string.Join(", ", tcp));
            string described = Describe(proxyProtocol);
            LogProxyProtocol(logger, endPoint, described);
        });
        return true;
    }

    /// <summary>
    /// Puts the PROXY v2 middleware on a vsock endpoint (nothing for <see cref="ProxyProtocolMode.Off"/>). The
    /// middleware itself refuses connections whose local endpoint is not vsock, so it cannot be misplaced on TCP.
    /// </summary>
    public static void UseProxyProtocol(ListenOptions listen, ProxyProtocolMode mode)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (mode == ProxyProtocolMode.Off)
        {
            return;
        }

        var services = listen.ApplicationServices;
        var options = new ProxyProtocolOptions
        {
            Mode = mode,
            Statistics = services.GetRequiredService<ProxyProtocolStatistics>(),
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
        };
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("NsmDashboard.ProxyProtocol");
        listen.Use(next => new ProxyProtocolMiddleware(next, options, logger).OnConnectionAsync);
    }

    /// <summary>The mode <see cref="ProxyProtocolKey"/> names; <c>require</c> when it is not set.</summary>
    /// <exception cref="FormatException">Not off, accept or require.</exception>
    public static ProxyProtocolMode ParseProxyProtocol(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "REQUIRE" => ProxyProtocolMode.Require,
        "ACCEPT" => ProxyProtocolMode.Accept,
        "OFF" => ProxyProtocolMode.Off,
        _ => throw new FormatException($"{ProxyProtocolKey} must be off, accept or require (got '{text}')."),
    };

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

    private static string? ValidateProxyProtocol(string? text)
    {
        try
        {
            _ = ParseProxyProtocol(text);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private static string Describe(ProxyProtocolMode mode) => mode switch
    {
        ProxyProtocolMode.Require => "required: every connection must start with one (nsm-proxy sends it by default); others are refused and counted",
        ProxyProtocolMode.Accept => "read when a connection starts with one; connections without it keep the vsock peer, which has no IP address",
        _ => "off: every connection's address is the vsock peer, which has no IP address, so all clients share one rate-limit bucket",
    };

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

    [LoggerMessage(Level = LogLevel.Information, Message = "PROXY protocol v2 header on {EndPoint}: {Mode}")]
    private static partial void LogProxyProtocol(ILogger logger, VsockEndPoint endPoint, string mode);

    /// <summary>Reports an invalid vsock setting with the other configuration errors at startup.</summary>
    private sealed class FailedSetting(string failure) : IValidateOptions<NsmDashboardOptions>
    {
        public ValidateOptionsResult Validate(string? name, NsmDashboardOptions options) => ValidateOptionsResult.Fail(failure);
    }
}
