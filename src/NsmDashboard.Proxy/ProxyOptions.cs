using System.CommandLine;
using Microsoft.Extensions.Logging;
using NsmDashboard.Nsm.Text;
using NsmDashboard.Vsock;

namespace NsmDashboard.Proxy;

/// <summary>The command line of nsm-proxy: every option, its default and its help text.</summary>
internal sealed class ProxyOptions
{
    public const string DefaultListen = "127.0.0.1:8443";
    public const uint DefaultPort = 5000;

    public Option<string> Listen { get; } = new("--listen")
    {
        Description = $"Where browsers connect: IP:PORT. Loopback by default; use 0.0.0.0:8443 to accept from the network",
        HelpName = "IP:PORT",
        DefaultValueFactory = _ => DefaultListen,
    };

    public Option<string?> Cid { get; } = new("--cid")
    {
        Description = "The enclave's vsock CID, or 'auto' for the one running enclave (nitro-cli describe-enclaves)",
        HelpName = "CID|auto",
    };

    public Option<uint> Port { get; } = new("--port")
    {
        Description = "The vsock port the dashboard listens on in the enclave",
        HelpName = "PORT",
        DefaultValueFactory = _ => DefaultPort,
    };

    public Option<string?> To { get; } = new("--to")
    {
        Description = "Relay somewhere else instead of --cid/--port: tcp://HOST:PORT, vsock://CID:PORT or unix:/PATH",
        HelpName = "URL",
    };

    public Option<string?> DescribeEnclavesJson { get; } = new("--describe-enclaves-json")
    {
        Description = "With --cid auto: read this saved 'nitro-cli describe-enclaves' output instead of running nitro-cli",
        HelpName = "FILE",
    };

    public Option<string> NitroCli { get; } = new("--nitro-cli")
    {
        Description = "The nitro-cli program --cid auto runs",
        HelpName = "PATH",
        DefaultValueFactory = _ => "nitro-cli",
    };

    public Option<int> MaxConnections { get; } = new("--max-connections")
    {
        Description = "Connections relayed at once; clients beyond it are closed at once and logged",
        HelpName = "N",
        DefaultValueFactory = _ => RelayServerOptions.DefaultMaxConnections,
    };

    public Option<int> MaxConnectionsPerSource { get; } = new("--max-connections-per-source")
    {
        Description = "Connections one client address may have open at once (a few operators' browsers); beyond it that client is closed at once and logged",
        HelpName = "N",
        DefaultValueFactory = _ => RelayServerOptions.DefaultMaxConnectionsPerSource,
    };

    public Option<string> ProxyProtocol { get; } = new("--proxy-protocol")
    {
        Description = "Start each upstream connection with a PROXY protocol v2 header carrying the client's address: "
            + "auto (on for a vsock upstream, which the dashboard's vsock listener expects; off for tcp:// and unix:), on, or off",
        HelpName = "auto|on|off",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string> IdleTimeout { get; } = new("--idle-timeout")
    {
        Description = "Close a connection after this long with no byte either way, or 'none' (keep above SignalR's 30 s)",
        HelpName = "DURATION",
        DefaultValueFactory = _ => "10m",
    };

    public Option<string> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "How long one dial to the enclave may take before that client is closed",
        HelpName = "DURATION",
        DefaultValueFactory = _ => "10s",
    };

    public Option<string> DrainTimeout { get; } = new("--drain-timeout")
    {
        Description = "After SIGTERM/SIGINT: how long open connections may go on before they are closed",
        HelpName = "DURATION",
        DefaultValueFactory = _ => "30s",
    };

    public Option<int> BufferSize { get; } = new("--buffer-size")
    {
        Description = "Bytes buffered per direction of a connection while data flows (none while idle)",
        HelpName = "BYTES",
        DefaultValueFactory = _ => RelayOptions.DefaultBufferSize,
    };

    public Option<string> LogLevel { get; } = new("--log-level")
    {
        Description = "trace, debug (accept and dial of every connection), info (one line per connection), warn, error or none",
        HelpName = "LEVEL",
        DefaultValueFactory = _ => "info",
    };

    public RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "nsm-proxy — relays TCP connections (browsers) to the NSM dashboard in a Nitro Enclave over vsock.\n"
            + "  nsm-proxy --listen 0.0.0.0:8443 --cid 16 --port 5000\n"
            + "  nsm-proxy --cid auto                      (the CID of the one running enclave)\n"
            + "  nsm-proxy --listen 127.0.0.1:8080 --to tcp://127.0.0.1:5000\n"
            + "Half-closed streams, WebSockets and thousands of connections are carried as they are; SIGTERM drains.\n"
            + "Each vsock connection starts with a PROXY protocol v2 header naming the client, so the dashboard's rate limits\n"
            + "and audit trail see the browser's address. Listen on loopback and reach it through SSH (ssh -L 8443:127.0.0.1:8443).\n"
            + "Exit codes: 0 stopped, 1 could not start, 2 usage.");
        foreach (Option option in (Option[])[Listen, Cid, Port, To, DescribeEnclavesJson, NitroCli, MaxConnections, MaxConnectionsPerSource, ProxyProtocol, IdleTimeout, ConnectTimeout, DrainTimeout, BufferSize, LogLevel])
        {
            root.Options.Add(option);
        }

        return root;
    }

    /// <summary>Turns the parsed values into settings, or a usage error naming the option.</summary>
    public ProxySettings Read(ParseResult result)
    {
        string? cid = result.GetValue(Cid);
        string? to = result.GetValue(To);
        bool portGiven = result.GetResult(Port) is { Implicit: false };
        if (to is not null && (cid is not null || portGiven))
        {
            throw ProxyException.Usage("--to replaces --cid and --port: give one or the other.");
        }

        if (to is null && cid is null)
        {
            throw ProxyException.Usage("Say where to relay: --cid CID|auto [--port 5000] for the enclave, or --to URL.");
        }

        bool auto = string.Equals(cid, "auto", StringComparison.OrdinalIgnoreCase);
        string? describeJson = result.GetValue(DescribeEnclavesJson);
        if (describeJson is not null && !auto)
        {
            throw ProxyException.Usage("--describe-enclaves-json goes with --cid auto.");
        }

        VsockEndPoint? vsock = null;
        if (cid is not null && !auto)
        {
            if (!VsockEndPoint.TryParseCid(cid, out uint number) || number is VsockCid.Any or VsockCid.Hypervisor)
            {
                throw ProxyException.Usage($"--cid '{cid}' is not a CID to connect to: give the enclave's number (nitro-cli describe-enclaves shows EnclaveCID, usually 16) or 'auto'.");
            }

            vsock = new VsockEndPoint(number, result.GetValue(Port));
        }

        return new ProxySettings
        {
            Listen = AddressText.ParseListen(result.GetValue(Listen)!),
            Upstream = to is not null ? AddressText.ParseUpstream(to) : vsock,
            AutoCidPort = auto ? result.GetValue(Port) : null,
            DescribeEnclavesJson = describeJson,
            NitroCli = result.GetValue(NitroCli)!,
            MaxConnections = Positive(result.GetValue(MaxConnections), "--max-connections"),
            MaxConnectionsPerSource = Positive(result.GetValue(MaxConnectionsPerSource), "--max-connections-per-source"),
            ProxyProtocol = OnOffAuto(result.GetValue(ProxyProtocol)!, "--proxy-protocol"),
            IdleTimeout = Duration(result.GetValue(IdleTimeout)!, "--idle-timeout", allowNone: true),
            ConnectTimeout = Duration(result.GetValue(ConnectTimeout)!, "--connect-timeout", allowNone: false),
            DrainTimeout = Duration(result.GetValue(DrainTimeout)!, "--drain-timeout", allowNone: false, allowZero: true),
            BufferSize = Buffer(result.GetValue(BufferSize)),
            LogLevel = ProxyLogger.TryParseLevel(result.GetValue(LogLevel)!, out var level)
                ? level
                : throw ProxyException.Usage($"--log-level '{result.GetValue(LogLevel)}': use trace, debug, info, warn, error or none."),
        };
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw ProxyException.Usage($"{name} must be at least 1 (got {value}).");

    // null: auto, decided once the upstream is known (--cid auto resolves it later).
    private static bool? OnOffAuto(string text, string name) => text.Trim().ToUpperInvariant() switch
    {
        "AUTO" => null,
        "ON" or "TRUE" or "YES" => true,
        "OFF" or "FALSE" or "NO" => false,
        _ => throw ProxyException.Usage($"{name} '{text}': use auto, on or off."),
    };

    private static int Buffer(int value) =>
        value is >= RelayOptions.MinBufferSize and <= RelayOptions.MaxBufferSize
            ? value
            : throw ProxyException.Usage($"--buffer-size must be {RelayOptions.MinBufferSize} to {RelayOptions.MaxBufferSize} bytes (got {value}).");

    private static TimeSpan Duration(string text, string name, bool allowNone, bool allowZero = false)
    {
        if (allowNone && text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return Timeout.InfiniteTimeSpan;
        }

        if (DurationText.TryParse(text, out var value) && (value > TimeSpan.Zero || allowZero))
        {
            return value;
        }

        throw ProxyException.Usage($"{name} '{text}' is not a duration: write e.g. 500ms, 30s, 10m or 1h{(allowNone ? ", or none" : string.Empty)}.");
    }
}
