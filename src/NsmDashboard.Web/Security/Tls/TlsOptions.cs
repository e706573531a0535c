namespace NsmDashboard.Web.Security.Tls;

/// <summary>
/// The dashboard's own TLS (docs/tls-binding.md), bound from <c>NsmDashboard:Tls</c>: whether it serves HTTPS, the port,
/// and an optional certificate to load instead of the one generated at every start.
/// Validated at startup by <see cref="ValidateTlsOptions"/>.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "NsmDashboard:Tls";

    /// <summary>The HTTPS port used with <see cref="TlsMode.On"/> when no port, vsock or address is configured.</summary>
    public const int DefaultHttpsPort = 5001;

    /// <summary>How long a generated certificate is valid. Short: an enclave has no disk, so it is new at every start anyway.</summary>
    public const int DefaultValidityDays = 30;

    /// <summary><c>auto</c> (default), <c>on</c> or <c>off</c>; see <see cref="TlsMode"/>.</summary>
    public TlsMode Mode { get; set; } = TlsMode.Auto;

    /// <summary>
    /// The loopback port to serve HTTPS on (<c>--https-port</c>); 0 picks a free port. Loopback only: inside an
    /// enclave clients come over vsock, and on a workstation the dashboard must not be reachable from the network
    /// by accident (give <c>--urls https://0.0.0.0:PORT</c> to choose otherwise; it uses the same certificate).
    /// </summary>
    public int? HttpsPort { get; set; }

    /// <summary>A PEM certificate to serve instead of a generated one (with <see cref="KeyPath"/>, or with its key in the same file).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key (PKCS#8 or SEC1) of <see cref="CertificatePath"/>; P-384 ECDSA.</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// More DNS names or IP addresses for a generated certificate's subject alternative names, beside
    /// <c>localhost</c> and <c>127.0.0.1</c> (e.g. the name the parent instance is reached by).
    /// </summary>
    public IList<string> Names { get; } = [];

    /// <summary>The validity of a generated certificate in days (1 to 397).</summary>
    public int ValidityDays { get; set; } = DefaultValidityDays;
}
