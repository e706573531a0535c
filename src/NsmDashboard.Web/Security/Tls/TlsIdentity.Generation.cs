using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Web.Security.Tls;

/// <summary>A fresh self-signed P-384 certificate, made at every start (an enclave has no disk to keep one on).</summary>
public sealed partial class TlsIdentity
{
    /// <summary>The subject of generated certificates.</summary>
    public const string GeneratedSubject = "CN=nsm-dashboard";

    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private static readonly System.Buffers.SearchValues<char> DnsLabelCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    /// <summary>
    /// Generates a P-384 ECDSA key and a self-signed certificate for <see cref="GeneratedSubject"/> with the subject
    /// alternative names <c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c> and <paramref name="names"/>, the serverAuth
    /// extended key usage, valid from a few minutes ago (clocks differ) for <paramref name="validity"/>.
    /// Trust in it comes from the attestation document that binds it, not from a CA.
    /// </summary>
    /// <param name="names">More DNS names or IP addresses.</param>
    /// <param name="validity">How long it is valid from now.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <exception cref="TlsCertificateException">A name is neither a DNS name nor an IP address.</exception>
    public static TlsIdentity Generate(IEnumerable<string> names, TimeSpan validity, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);

        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var name in names)
        {
            AddName(san, name);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest(GeneratedSubject, key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid)], false));
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        var now = timeProvider.GetUtcNow();
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(validity));
        var source = string.Create(CultureInfo.InvariantCulture, $"generated at start, valid {validity.TotalDays:0.#} days");
        return new TlsIdentity(certificate, source);
    }

    private static void AddName(SubjectAlternativeNameBuilder san, string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (IPAddress.TryParse(trimmed, out var address))
        {
            san.AddIpAddress(address);
        }
        else if (IsDnsName(trimmed))
        {
            san.AddDnsName(trimmed);
        }
        else
        {
            throw new TlsCertificateException(
                $"{TlsOptions.SectionName}:Names: '{name}' is neither a DNS name (letters, digits, '-', dots, an optional leading '*.') nor an IP address.");
        }
    }

    // RFC 1123 host names, with the one wildcard form certificates allow.
    private static bool IsDnsName(string name)
    {
        var host = name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
        if (host.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-'
                || label.AsSpan().ContainsAnyExcept(DnsLabelCharacters))
            {
                return false;
            }
        }

        return true;
    }
}
