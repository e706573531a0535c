using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Cli.Tls;

/// <summary>
/// Opens TLS connections to one dashboard and keeps the certificate each is served. Any certificate is taken:
/// neither its name nor a CA is the basis of trust here — an attestation document bound to it is, checked by the
/// caller. ALPN offers what a browser offers (h2, then http/1.1), so a router on the parent instance cannot tell
/// <c>nsm</c>'s connections from a browser's by the protocols asked for.
/// </summary>
internal sealed class DashboardTlsConnector(Uri server)
{
    /// <summary>What a browser offers: HTTP/2 first, then HTTP/1.1.</summary>
    public static readonly IReadOnlyList<SslApplicationProtocol> BrowserProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    /// <summary>HTTP/1.1 alone, for a request that must not go over HTTP/2 (e.g. a WebSocket upgrade).</summary>
    public static readonly IReadOnlyList<SslApplicationProtocol> Http11Only = [SslApplicationProtocol.Http11];

    /// <summary>The dashboard's address.</summary>
    public Uri Server { get; } = server ?? throw new ArgumentNullException(nameof(server));

    /// <summary><c>HOST:PORT</c>, for messages.</summary>
    public string Where => $"{Server.Host}:{Server.Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Connects, completes the handshake, and returns the stream with a copy of the served certificate.</summary>
    /// <exception cref="DashboardConnectException">No TCP connection, or the TLS handshake failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DashboardTlsConnection> ConnectAsync(IReadOnlyList<SslApplicationProtocol> protocols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protocols);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SslStream? tls = null;
        try
        {
            await socket.ConnectAsync(Server.IdnHost, Server.Port, cancellationToken).ConfigureAwait(false);
            tls = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = Server.IdnHost,
                    ApplicationProtocols = [.. protocols],
                    RemoteCertificateValidationCallback = AcceptForAttestation,
                },
                cancellationToken).ConfigureAwait(false);
            using var remote = tls.RemoteCertificate
                ?? throw new DashboardConnectException($"{Where}: the server presented no certificate");
            return new DashboardTlsConnection(tls, X509CertificateLoader.LoadCertificate(remote.GetRawCertData()));
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException)
        {
            Dispose(tls, socket);
            throw new DashboardConnectException($"{Where}: cannot open a TLS connection: {e.Message}", e);
        }
        catch
        {
            Dispose(tls, socket);
            throw;
        }
    }

    // Whether the certificate is the enclave's is decided by the attestation document bound to it, afterwards.
    private static bool AcceptForAttestation(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null;

    private static void Dispose(SslStream? tls, Socket socket)
    {
        if (tls is not null)
        {
            tls.Dispose();
        }
        else
        {
            socket.Dispose();
        }
    }
}
