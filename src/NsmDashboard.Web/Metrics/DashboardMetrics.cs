using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.InteropServices;
using NsmDashboard.Vsock;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// The dashboard's own instruments, on the meter <see cref="MeterName"/> (Prometheus names
/// <c>dashboard_&lt;instrument&gt;</c>): the Blazor circuits that are open (a browser tab with the dashboard, connected or
/// retained for reconnection) and those connected right now, fed by <see cref="CircuitMetricsHandler"/>; what the vsock
/// listener did with PROXY headers; sign-ins refused before their password was checked; and which build is running.
/// </summary>
/// <remarks>
/// Observable gauges rather than up-down counters: a scrape then always reports the current value, 0 included,
/// instead of nothing until the first circuit opens.
/// </remarks>
public sealed class DashboardMetrics
{
    /// <summary>The meter's name, the prefix of its metrics' Prometheus names.</summary>
    public const string MeterName = "dashboard";

    /// <summary>Open circuits (<c>dashboard_circuits_open</c> in Prometheus, a gauge).</summary>
    public const string OpenCircuitsInstrument = "circuits_open";

    /// <summary>Circuits with a live connection (<c>dashboard_circuits_connected</c>, a gauge).</summary>
    public const string ConnectedCircuitsInstrument = "circuits_connected";

    /// <summary>Always 1, labelled with the build (<c>dashboard_build_info{version, runtime}</c>).</summary>
    public const string BuildInfoInstrument = "build_info";

    /// <summary>Connections on the vsock listener by what their PROXY header did (<c>dashboard_proxy_protocol_connections</c>, a counter).</summary>
    public const string ProxyProtocolInstrument = "proxy_protocol_connections";

    /// <summary>Sign-ins refused before any password check, by reason (<c>dashboard_sign_ins_refused</c>, a counter).</summary>
    public const string SignInsRefusedInstrument = "sign_ins_refused";

    private long _open;
    private long _connected;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The app's meter factory.</param>
    /// <param name="proxyProtocol">The vsock listener's PROXY header counts, when it listens on vsock.</param>
    /// <param name="signIns">The sign-in limits' refusal counts.</param>
    public DashboardMetrics(IMeterFactory meterFactory, ProxyProtocolStatistics? proxyProtocol = null, SignInThrottle? signIns = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(OpenCircuitsInstrument, () => OpenCircuits, "{circuit}", "Blazor circuits open (connected or retained for reconnection).");
        meter.CreateObservableGauge(ConnectedCircuitsInstrument, () => ConnectedCircuits, "{circuit}", "Blazor circuits with a live connection.");
        if (proxyProtocol is not null)
        {
            meter.CreateObservableCounter(
                ProxyProtocolInstrument,
                () => new[]
                {
                    Measure(proxyProtocol.Proxied, "result", "proxied"),
                    Measure(proxyProtocol.Local, "result", "local"),
                    Measure(proxyProtocol.WithoutHeader, "result", "without_header"),
                    Measure(proxyProtocol.Rejected, "result", "refused"),
                },
                "{connection}",
                "Connections on the vsock listener: with a PROXY header naming the client, LOCAL, without one (accept mode), or refused.");
        }

        if (signIns is not null)
        {
            meter.CreateObservableCounter(
                SignInsRefusedInstrument,
                () => new[]
                {
                    Measure(signIns.RefusedForUserName, "reason", "user_name_limit"),
                    Measure(signIns.RefusedBusy, "reason", "password_checks_busy"),
                },
                "{sign_in}",
                "Sign-ins refused before their password was checked: too many for the user name, or too many checks running and waiting.");
        }

        // The Prometheus "info" pattern: a constant 1 whose labels say what runs, joined onto other series by instance.
        var build = new Measurement<int>(1, new KeyValuePair<string, object?>("version", Version), new("runtime", RuntimeInformation.FrameworkDescription));
        meter.CreateObservableGauge(BuildInfoInstrument, () => build, description: "The running build: its version (with the source revision) and the .NET runtime.");
    }

    /// <summary>The dashboard's informational version, with the source revision the SDK appends (<c>1.0.0+3f2a…</c>).</summary>
    public static string Version { get; } =
        typeof(DashboardMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The circuits open now.</summary>
    public long OpenCircuits => Volatile.Read(ref _open);

    /// <summary>The circuits connected now.</summary>
    public long ConnectedCircuits => Volatile.Read(ref _connected);

    /// <summary>A circuit opened (+1) or closed (−1).</summary>
    public void CircuitOpened(int delta) => Interlocked.Add(ref _open, delta);

    /// <summary>A circuit's connection came up (+1) or went down (−1).</summary>
    public void CircuitConnected(int delta) => Interlocked.Add(ref _connected, delta);

    private static Measurement<long> Measure(long value, string tag, string tagValue) =>
        new(value, new KeyValuePair<string, object?>(tag, tagValue));
}
