using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Cli.Infrastructure.Pull;

/// <summary>
/// Accepts one TLS certificate for every connection of a client: the one an attestation document has been checked to
/// bind (<see cref="Pin"/>), or before that the first one served. Neither names nor CAs matter: the
/// dashboard's certificate is self-signed, and the attestation is what says it is the enclave's.
/// </summary>
internal sealed class CertificatePin
{
    private readonly Lock _lock = new();
    private byte[]? _seen;

    /// <summary>Whether the certificate seen has been checked and pinned.</summary>
    public bool IsPinned { get; private set; }

    /// <summary>The DER of the certificate every connection presents; null before the first handshake.</summary>
    public byte[]? Certificate
    {
        get
        {
            lock (_lock)
            {
                return _seen;
            }
        }
    }

    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        var der = certificate.GetRawCertData();
        lock (_lock)
        {
            // Every connection must present the certificate the attestation is (or will be) checked against: a relay
            // that swaps certificates between connections gets nothing.
            _seen ??= der;
            return der.AsSpan().SequenceEqual(_seen);
        }
    }

    /// <summary>Pins <paramref name="der"/>, checked elsewhere to be the enclave's: from now on only it is accepted.</summary>
    /// <returns>False when a connection already presented another certificate.</returns>
    public bool Pin(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        lock (_lock)
        {
            _seen ??= der;
            IsPinned = der.AsSpan().SequenceEqual(_seen);
            return IsPinned;
        }
    }
}
