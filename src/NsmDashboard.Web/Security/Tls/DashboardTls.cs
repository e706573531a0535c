using Microsoft.Extensions.Options;
using NsmDashboard.Web.Hosting;

namespace NsmDashboard.Web.Security.Tls;

/// <summary>
/// Whether the dashboard serves HTTPS itself, and with which <see cref="TlsIdentity"/>. Made once at startup (a
/// bad certificate stops the app then, with one line); Kestrel, <c>GET /api/attestation/tls</c> and the TLS binding
/// card all read it.
/// </summary>
public sealed partial class DashboardTls : IDisposable
{
    /// <summary>Decides and, when TLS is on, generates or loads the certificate.</summary>
    /// <exception cref="TlsCertificateException">The configured certificate cannot be used.</exception>
    /// <exception cref="OptionsValidationException">The TLS settings are invalid.</exception>
    public DashboardTls(IOptions<TlsOptions> options, IConfiguration configuration, TimeProvider timeProvider, ILogger<DashboardTls> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value;
        Mode = settings.Mode;
        var vsock = VsockListening.IsRequested(configuration);
        IsEnabled = TlsListening.ServesTls(settings.Mode, settings.HttpsPort, vsock);
        Explanation = (settings.Mode, IsEnabled) switch
        {
            (TlsMode.On, _) => $"{TlsOptions.SectionName}:Mode is on.",
            (TlsMode.Off, _) => $"{TlsOptions.SectionName}:Mode is off: the dashboard serves plain HTTP.",
            (_, true) when vsock => "Listening on vsock: whatever carries the connection outside the enclave sees only ciphertext.",
            (_, true) => "An HTTPS port is configured (--https-port).",
            _ => "Plain HTTP for local use: start with --https-port PORT or --vsock-port PORT (or NsmDashboard:Tls:Mode=on) to serve HTTPS.",
        };
        if (!IsEnabled)
        {
            return;
        }

        Identity = settings.CertificatePath is { } path
            ? TlsIdentity.Load(path, settings.KeyPath, timeProvider)
            : TlsIdentity.Generate(settings.Names, TimeSpan.FromDays(settings.ValidityDays), timeProvider);
        LogServing(logger, Identity.Subject, Identity.Source, Identity.CertificateSha384Hex);
    }

    /// <summary>The configured mode.</summary>
    public TlsMode Mode { get; }

    /// <summary>Whether the dashboard serves HTTPS (then <see cref="Identity"/> is set).</summary>
    public bool IsEnabled { get; }

    /// <summary>Why TLS is on or off, for the binding card.</summary>
    public string Explanation { get; }

    /// <summary>The served certificate; null when TLS is off.</summary>
    public TlsIdentity? Identity { get; }

    /// <inheritdoc/>
    public void Dispose() => Identity?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS: serving HTTPS as {Subject} ({Source}), certificate SHA-384 {Sha384}. Check it is the enclave's with: nsm verify-tls https://HOST:PORT")]
    private static partial void LogServing(ILogger logger, string subject, string source, string sha384);
}
