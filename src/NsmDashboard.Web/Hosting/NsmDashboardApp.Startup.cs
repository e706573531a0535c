using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security.Authentication;
using NsmDashboard.Web.Security.Tls;

namespace NsmDashboard.Web.Hosting;

/// <summary>Startup checks: configuration, the NSM, the web root — each failure one clear line.</summary>
public sealed partial class NsmDashboardApp
{
    private ILogger Logger => _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NsmDashboard");

    /// <summary>
    /// Validates the configuration and opens the NSM before the server listens, so that a bad setting or a
    /// missing device stops the app with a message instead of failing on the first page view.
    /// </summary>
    private bool TryInitializeNsm()
    {
        var logger = Logger;
        try
        {
            _ = _app.Services.GetRequiredService<IOptions<NsmDashboardOptions>>().Value;
            _ = _app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
            _ = _app.Services.GetRequiredService<IOptions<ConnectionLimitOptions>>().Value;

            // The TLS certificate is generated or loaded now, so a bad PEM stops the app before it listens.
            _ = _app.Services.GetRequiredService<DashboardTls>();
        }
        catch (TlsCertificateException ex)
        {
            LogInvalidConfiguration(logger, ex.Message);
            return false;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                LogInvalidConfiguration(logger, failure);
            }

            return false;
        }
        catch (InvalidOperationException ex)
        {
            // The binder cannot convert a value, e.g. Nsm:Mode=maybe; its message names the key.
            LogInvalidConfiguration(logger, ex.Message);
            return false;
        }

        try
        {
            var transport = _app.Services.GetRequiredService<INsmTransport>();
            LogTransport(logger, transport.Kind, transport.Description);
            var options = _app.Services.GetRequiredService<IOptions<NsmDashboardOptions>>().Value;
            if (options.Emulator.Faults.Enabled && transport.Kind == NsmTransportKind.Device)
            {
                // Nsm:Mode=auto found the device: the validator could not know. The device is never wrapped; say so and stop.
                var refusal = ValidateNsmDashboardOptions.DeviceRefusal(
                    NsmFaultSettings.SectionPath, $"Nsm:Mode={options.Mode.ToString().ToLowerInvariant()} found {transport.Description}");
                LogInvalidConfiguration(logger, refusal);
                return false;
            }

            if (transport.Kind == NsmTransportKind.Device && _app.Services.GetRequiredService<DashboardTls>().Identity?.KeyFile is { } keyFile)
            {
                LogKeyFromFile(logger, keyFile);
            }
        }
        catch (NsmException ex)
        {
            var title = NsmErrorText.Title(ex);
            LogNsmUnavailable(logger, title, ex.Message);
            return false;
        }
        catch (Exception ex) when (ex is EmulatorCertificateAuthorityException or ArgumentException
            or MeasurementsFormatException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            LogEmulatorUnavailable(logger, ex.Message);
            return false;
        }

        if (WebRoot is null)
        {
            LogNoWebRoot(logger, WebRootLocator.ConfigurationKey);
        }
        else if (!Directory.Exists(WebRoot))
        {
            var failure = $"{WebRootLocator.ConfigurationKey} '{WebRoot}' does not exist.";
            LogInvalidConfiguration(logger, failure);
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Invalid configuration: {Failure}")]
    private static partial void LogInvalidConfiguration(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The NSM cannot be used: {Title}. {Message} To run without the device, set Nsm:Mode=emulator (--Nsm:Mode=emulator).")]
    private static partial void LogNsmUnavailable(ILogger logger, string title, string message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The NSM emulator cannot start: {Message}")]
    private static partial void LogEmulatorUnavailable(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "NSM transport: {Kind} ({Description})")]
    private static partial void LogTransport(ILogger logger, NsmTransportKind kind, string description);

    // In an enclave a file reaches the process only through the image, which the parent instance built or can read;
    // a key the parent holds lets it terminate TLS in the enclave's name and relay the attestation request to the real
    // enclave, whose document binds this very certificate, so nsm verify-tls passes while the parent reads everything.
    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS: the private key was loaded from {KeyFile} on a real NSM device. Whoever built the image or can read that file "
        + "(the parent instance, if it put it there) holds the key: it can impersonate this dashboard, and nsm verify-tls would still pass. "
        + "Leave NsmDashboard:Tls:CertificatePath unset to use a key made at start inside the enclave, which never leaves it.")]
    private static partial void LogKeyFromFile(ILogger logger, string keyFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No web root found: styles and scripts will be missing. Run from the repository, publish the app, or set {Key}.")]
    private static partial void LogNoWebRoot(ILogger logger, string key);
}
