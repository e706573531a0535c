namespace NsmDashboard.Web.Security.Tls;

/// <summary>When the dashboard terminates TLS itself (<c>NsmDashboard:Tls:Mode</c>).</summary>
public enum TlsMode
{
    /// <summary>
    /// HTTPS on vsock and on an explicit <c>--https-port</c>; plain HTTP otherwise, so that the local
    /// <c>dotnet run</c> keeps its one-command http://127.0.0.1:5000.
    /// </summary>
    Auto,

    /// <summary>Always HTTPS: on vsock, on <see cref="TlsOptions.HttpsPort"/>, and on every https address configured otherwise.</summary>
    On,

    /// <summary>Never: the dashboard serves plain HTTP (behind a TLS-terminating proxy you trust, or on loopback only).</summary>
    Off,
}
