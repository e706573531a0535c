using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Cli.Tls;

/// <summary>One TLS connection to a dashboard: the stream and a copy of the certificate it was served.</summary>
internal sealed class DashboardTlsConnection : IDisposable
{
    public DashboardTlsConnection(SslStream stream, X509Certificate2 certificate)
    {
        Stream = stream;
        Certificate = certificate;
        Fingerprint = CertificateFingerprint.Of(certificate);

        // Read now: the stream belongs to an HTTP pool afterwards and may be disposed before a report is written.
        Protocol = stream.SslProtocol.ToString();
        CipherSuite = stream.NegotiatedCipherSuite.ToString();
        ApplicationProtocol = stream.NegotiatedApplicationProtocol.ToString();
    }

    /// <summary>The authenticated stream; whoever takes it (an HTTP connection pool) disposes it.</summary>
    public SslStream Stream { get; }

    /// <summary>The certificate the server presented on this connection.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Its fingerprints.</summary>
    public CertificateFingerprint Fingerprint { get; }

    /// <summary>The TLS version, e.g. <c>Tls13</c>.</summary>
    public string Protocol { get; }

    /// <summary>The cipher suite, e.g. <c>TLS_AES_256_GCM_SHA384</c>.</summary>
    public string CipherSuite { get; }

    /// <summary>The protocol the server chose by ALPN: <c>h2</c>, <c>http/1.1</c>, or empty when it chose none.</summary>
    public string ApplicationProtocol { get; }

    /// <summary>Disposes the certificate copy (not the stream, which belongs to whoever took it).</summary>
    public void Dispose() => Certificate.Dispose();
}
