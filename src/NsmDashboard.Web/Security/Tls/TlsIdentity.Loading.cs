using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Web.Security.Tls;

/// <summary>A certificate and key supplied as PEM files (<c>NsmDashboard:Tls:CertificatePath</c> and <c>KeyPath</c>).</summary>
public sealed partial class TlsIdentity
{
    /// <summary>
    /// Loads a PEM certificate and its P-384 ECDSA private key. The key may be in <paramref name="keyPath"/> or,
    /// when that is null, in the certificate file itself.
    /// </summary>
    /// <param name="certificatePath">The PEM certificate (the first CERTIFICATE block is served).</param>
    /// <param name="keyPath">The PEM private key, or null when it follows the certificate in the same file.</param>
    /// <param name="timeProvider">The clock, to refuse a certificate that is not valid now.</param>
    /// <exception cref="TlsCertificateException">A file is missing or unreadable, is not PEM, the key does not match, is not P-384, or the certificate is not valid now.</exception>
    public static TlsIdentity Load(string certificatePath, string? keyPath, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(certificatePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        const string Section = TlsOptions.SectionName;
        RequireFile($"{Section}:CertificatePath", certificatePath);
        if (keyPath is not null)
        {
            RequireFile($"{Section}:KeyPath", keyPath);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            // ArgumentException: the key is well-formed but belongs to another certificate.
            var files = keyPath is null ? $"'{certificatePath}'" : $"'{certificatePath}' and '{keyPath}'";
            throw new TlsCertificateException(
                $"{Section}:CertificatePath/KeyPath: {files} do not hold a PEM certificate and its matching private key ({ex.Message.TrimEnd('.')}).",
                ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TlsCertificateException($"{Section}:CertificatePath/KeyPath cannot be read: {ex.Message}", ex);
        }

        try
        {
            CheckUsable(certificate, certificatePath, timeProvider);
        }
        catch
        {
            certificate.Dispose();
            throw;
        }

        return new TlsIdentity(certificate, $"loaded from {certificatePath}", keyPath ?? certificatePath);
    }

    private static void RequireFile(string setting, string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new TlsCertificateException($"{setting} '{path}' does not exist.");
        }
    }

    private static void CheckUsable(X509Certificate2 certificate, string path, TimeProvider timeProvider)
    {
        const string Setting = TlsOptions.SectionName + ":CertificatePath";
        using (var key = certificate.GetECDsaPublicKey())
        {
            if (key is null || key.KeySize != 384)
            {
                var algorithm = key is null ? certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value : $"ECDSA P-{key.KeySize}";
                throw new TlsCertificateException($"{Setting} '{path}' has a {algorithm} key; the dashboard serves a P-384 ECDSA key (the curve of the NSM's own signatures).");
            }
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            throw new TlsCertificateException(string.Create(
                CultureInfo.InvariantCulture,
                $"{Setting} '{path}' is valid from {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC, not now."));
        }
    }
}
