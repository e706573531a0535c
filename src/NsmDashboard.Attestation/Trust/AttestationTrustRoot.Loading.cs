using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

public sealed partial class AttestationTrustRoot
{
    /// <summary>The file name under which the emulator stores its root certificate (PEM) in its CA directory.</summary>
    public const string EmulatorRootFileName = "emulator-root.crt.pem";

    private const string EmulatorName = "Emulator";

    private const string CertificateLabel = "CERTIFICATE";

    /// <summary>A root given by the user: reported as AWS when its bytes are AWS's, else as <paramref name="kind"/>.</summary>
    private static AttestationTrustRoot Create(AttestationTrustRootKind kind, X509Certificate2 certificate, string? name)
    {
        if (AwsRoot.IsAws(certificate))
        {
            certificate.Dispose();
            return Aws;
        }

        return new AttestationTrustRoot(kind, string.IsNullOrWhiteSpace(name) ? certificate.Subject : name, certificate);
    }

    internal static AttestationTrustRoot CreateAws(X509Certificate2 certificate) =>
        new(AttestationTrustRootKind.Aws, "AWS Nitro Enclaves Root G1", certificate);

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new AttestationTrustRootException($"Cannot read the root certificate {path}: {e.Message}", e);
        }
    }

    /// <summary>Reads exactly one <c>CERTIFICATE</c> block (RFC 7468) from PEM text.</summary>
    private static X509Certificate2 ReadPem(string pem, string source)
    {
        ArgumentNullException.ThrowIfNull(pem);
        X509Certificate2? found = null;
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            // The ranges in fields are relative to the text searched.
            var block = rest;
            rest = rest[fields.Location.End..];
            if (!block[fields.Label].SequenceEqual(CertificateLabel))
            {
                continue;
            }

            if (found is not null)
            {
                found.Dispose();
                throw new AttestationTrustRootException($"{source} holds more than one certificate; give the root certificate alone.");
            }

            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(block[fields.Base64Data], der, out _))
            {
                throw new AttestationTrustRootException($"{source} has a CERTIFICATE block that is not valid base64.");
            }

            try
            {
                found = X509CertificateLoader.LoadCertificate(der);
            }
            catch (CryptographicException e)
            {
                throw new AttestationTrustRootException($"{source} has a CERTIFICATE block that is not an X.509 certificate: {e.Message}", e);
            }
        }

        return found ?? throw new AttestationTrustRootException($"{source} holds no PEM CERTIFICATE block.");
    }
}
