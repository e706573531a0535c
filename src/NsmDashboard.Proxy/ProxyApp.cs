using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NsmDashboard.Nsm.Text;
using NsmDashboard.Vsock;

namespace NsmDashboard.Proxy;

/// <summary>
/// nsm-proxy as one call: parse the command line, find the upstream (running nitro-cli for <c>--cid auto</c>),
/// listen, relay until <c>stop</c> fires, drain, return the exit code. <c>Program.cs</c> turns SIGTERM/SIGINT into
/// <c>stop</c>; tests call this directly with their own token and writers.
/// </summary>
internal static partial class ProxyApp
{
    private const int ListenBacklog = 1024;

    /// <summary>Runs the proxy; returns its exit code (<see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Help goes here.</param>
    /// <param name="stderr">Log lines and errors go here.</param>
    /// <param name="stop">Fires to drain and stop (what SIGTERM does).</param>
    /// <param name="listening">Called with the bound address once listening (tests bind port 0).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stop, Action<EndPoint>? listening = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var options = new ProxyOptions();
        var root = options.CreateRootCommand();
        root.SetAction((result, cancellationToken) => ServeAsync(options.Read(result), stderr, listening, cancellationToken));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"nsm-proxy: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'nsm-proxy --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = stdout,
                    Error = stderr,
                    EnableDefaultExceptionHandler = false,
                    ProcessTerminationTimeout = null,
                },
                stop).ConfigureAwait(false);
        }
        catch (ProxyException ex)
        {
            await stderr.WriteLineAsync($"nsm-proxy: {ex.Message}").ConfigureAwait(false);
            if (ex.ExitCode == ExitCodes.Usage)
            {
                await stderr.WriteLineAsync("Run 'nsm-proxy --help' for usage.").ConfigureAwait(false);
            }

            return ex.ExitCode;
        }
        finally
        {
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<int> ServeAsync(ProxySettings settings, TextWriter stderr, Action<EndPoint>? listening, CancellationToken stop)
    {
        var logger = new ProxyLogger(stderr, settings.LogLevel);
        EndPoint upstream = settings.Upstream ?? await ResolveEnclaveAsync(settings, logger, stop).ConfigureAwait(false);
        if (upstream is VsockEndPoint && !OperatingSystem.IsLinux())
        {
            throw ProxyException.Failure("vsock exists only on Linux: run nsm-proxy on the parent instance, or use --to tcp://… elsewhere.");
        }

        Socket listener = Listen(settings.Listen);
        listening?.Invoke(listener.LocalEndPoint!);
        if (!IPAddress.IsLoopback(settings.Listen.Address))
        {
            LogNotLoopback(logger, settings.Listen.ToString());
        }

        bool proxyHeader = SendsProxyHeader(settings.ProxyProtocol, upstream);
        var serverOptions = new RelayServerOptions
        {
            MaxConnections = settings.MaxConnections,
            MaxConnectionsPerSource = settings.MaxConnectionsPerSource,
            SendProxyProtocolHeader = proxyHeader,
            ConnectTimeout = settings.ConnectTimeout,
            DrainTimeout = settings.DrainTimeout,
            Relay = new RelayOptions { BufferSize = settings.BufferSize, IdleTimeout = settings.IdleTimeout },
        };
        using var server = new RelayServer(listener, upstream, serverOptions, logger);
        string idle = DurationText.Format(settings.IdleTimeout);
        string connect = DurationText.Format(settings.ConnectTimeout);
        string drain = DurationText.Format(settings.DrainTimeout);
        LogSettings(logger, idle, connect, drain, settings.BufferSize);
        var summary = await server.RunAsync(stop).ConfigureAwait(false);
        LogStopped(logger, summary.Accepted, summary.Refused, summary.RefusedPerSource, summary.DialFailures, summary.ClosedAfterDrain);
        return ExitCodes.Success;
    }

    /// <summary>
    /// <c>--proxy-protocol</c>: as given, or by default (auto) for a vsock upstream only. The dashboard reads the header
    /// on its vsock listener (and by default requires it there); on TCP it never does, since any client could forge it.
    /// </summary>
    internal static bool SendsProxyHeader(bool? setting, EndPoint upstream) => setting ?? upstream is VsockEndPoint;

    private static async Task<EndPoint> ResolveEnclaveAsync(ProxySettings settings, ILogger logger, CancellationToken stop)
    {
        uint cid;
        string source;
        if (settings.DescribeEnclavesJson is { } file)
        {
            string json;
            try
            {
                json = await File.ReadAllTextAsync(file, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw ProxyException.Failure($"--describe-enclaves-json: cannot read '{file}': {ex.Message}", ex);
            }

            cid = EnclaveCid.FromJson(json, file);
            source = file;
        }
        else
        {
            cid = await EnclaveCid.FromNitroCliAsync(settings.NitroCli, stop).ConfigureAwait(false);
            source = $"{settings.NitroCli} describe-enclaves";
        }

        LogEnclaveFound(logger, cid, source);
        return new VsockEndPoint(cid, settings.AutoCidPort ?? ProxyOptions.DefaultPort);
    }

    private static Socket Listen(IPEndPoint endPoint)
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                // [::] takes IPv4 clients too, as browsers and curl expect of "listen everywhere".
                listener.DualMode = true;
            }

            listener.Bind(endPoint);
            listener.Listen(ListenBacklog);
            return listener;
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            string hint = ex.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => " (another program, or another nsm-proxy, is listening there)",
                SocketError.AccessDenied => " (ports below 1024 need root or CAP_NET_BIND_SERVICE)",
                SocketError.AddressNotAvailable => " (that IP address is not on this machine)",
                _ => string.Empty,
            };
            throw ProxyException.Failure($"cannot listen on {endPoint}: {ex.Message}{hint}", ex);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "--cid auto: the running enclave has CID {Cid} (from {Source})")]
    private static partial void LogEnclaveFound(ILogger logger, uint cid, string source);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Idle timeout {IdleTimeout}, connect timeout {ConnectTimeout}, drain timeout {DrainTimeout}, {BufferSize} bytes per direction")]
    private static partial void LogSettings(ILogger logger, string idleTimeout, string connectTimeout, string drainTimeout, int bufferSize);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Stopped: {Accepted} connections accepted, {Refused} refused at the limit, {RefusedPerSource} refused at the per-source limit, {DialFailures} dial failures, {ClosedAfterDrain} closed when the drain timeout ran out")]
    private static partial void LogStopped(ILogger logger, long accepted, long refused, long refusedPerSource, long dialFailures, long closedAfterDrain);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Listening on {Listen}, which is not a loopback address: anyone who can reach this port reaches the dashboard and its sign-in page. "
        + "Prefer --listen 127.0.0.1:8443 on the parent and an SSH tunnel from your machine (ssh -L 8443:127.0.0.1:8443 PARENT); if the port must be open, allow only your own addresses in the security group")]
    private static partial void LogNotLoopback(ILogger logger, string listen);
}
