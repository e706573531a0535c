using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>What one TLS connection to the dashboard yielded: the certificate served on it and the document fetched over it.</summary>
internal sealed record TlsAttestationExchange(
    Uri Server,
    X509Certificate2 Certificate,
    string Protocol,
    string CipherSuite,
    byte[] Document) : IDisposable
{
    /// <summary>The route of the document that binds the dashboard's certificate.</summary>
    public const string Route = "api/attestation/tls";

    private const int MaxResponseBytes = 1024 * 1024;

    /// <inheritdoc/>
    public void Dispose() => Certificate.Dispose();

    /// <summary>
    /// Opens one TLS connection to <paramref name="server"/>, keeps the certificate it serves, and sends
    /// <c>GET /api/attestation/tls?nonce=…</c> over that same connection, so that the document answers on the
    /// connection whose certificate is checked. The certificate is accepted whatever it is: neither its name nor any
    /// CA is the basis of trust here; the attestation document is, and it is checked afterwards.
    /// </summary>
    /// <exception cref="CliException">
    /// The server cannot be reached or the handshake fails (exit 2); it answers something other than a document (exit 1).
    /// </exception>
    public static async Task<TlsAttestationExchange> FetchAsync(Uri server, byte[] nonce, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(nonce);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var token = timeoutSource.Token;
        var where = $"{server.Host}:{server.Port.ToString(CultureInfo.InvariantCulture)}";

        using var tcp = new TcpClient();
        SslStream tls;
        try
        {
            await tcp.ConnectAsync(server.IdnHost, server.Port, token).ConfigureAwait(false);
            tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = server.IdnHost,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                    RemoteCertificateValidationCallback = AcceptForAttestation,
                },
                token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw CliException.Usage($"{where}: no TLS connection within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", e);
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException)
        {
            throw CliException.Usage($"{where}: cannot open a TLS connection: {e.Message}", e);
        }

        await using (tls.ConfigureAwait(false))
        {
            using var remote = tls.RemoteCertificate
                ?? throw CliException.Usage($"{where}: the server presented no certificate");
            var certificate = X509CertificateLoader.LoadCertificate(remote.GetRawCertData());
            try
            {
                var response = await GetAsync(tls, server, nonce, token).ConfigureAwait(false);
                var document = DocumentFrom(response);
                return new TlsAttestationExchange(server, certificate, tls.SslProtocol.ToString(), tls.NegotiatedCipherSuite.ToString(), document);
            }
            catch
            {
                certificate.Dispose();
                throw;
            }
        }
    }

    // Any certificate is taken: whether it is the enclave's is decided by the attestation document bound to it.
    private static bool AcceptForAttestation(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null;

    private static async Task<HttpResponse> GetAsync(SslStream tls, Uri server, byte[] nonce, CancellationToken token)
    {
        var path = server.AbsolutePath.TrimEnd('/') + "/" + Route + "?nonce=" + Convert.ToHexStringLower(nonce);
        var request = $"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAccept: application/json\r\nUser-Agent: nsm-verify-tls\r\nConnection: close\r\n\r\n";
        try
        {
            await tls.WriteAsync(Encoding.ASCII.GetBytes(request), token).ConfigureAwait(false);
            await tls.FlushAsync(token).ConfigureAwait(false);
            return await new HttpResponseReader(tls, MaxResponseBytes).ReadAsync(token).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ExitCode.Failure, $"{server.Authority}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw CliException.Usage($"{server.Authority}: the connection failed during the request: {e.Message}", e);
        }
        catch (OperationCanceledException e)
        {
            throw CliException.Usage($"{server.Authority}: no answer in time", e);
        }
    }

    private static byte[] DocumentFrom(HttpResponse response)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(response.Body);
        }
        catch (JsonException e)
        {
            throw new CliException(
                ExitCode.Failure,
                string.Create(CultureInfo.InvariantCulture, $"the server answered {response.Status} {response.Reason} with {(response.MediaType.Length == 0 ? "no content type" : response.MediaType)}, not JSON: it does not serve {Route}"),
                e);
        }

        using (json)
        {
            var root = json.RootElement;
            if (response.Status != 200)
            {
                var code = Member(root, "errorCode") ?? "no errorCode";
                var detail = Member(root, "detail") ?? Member(root, "title") ?? response.Reason;
                throw new CliException(
                    ExitCode.Failure,
                    string.Create(CultureInfo.InvariantCulture, $"the server refused the request: {response.Status} {code}: {detail}"));
            }

            if (Member(root, "document") is not { } base64)
            {
                throw new CliException(ExitCode.Failure, "the server's answer has no \"document\" member");
            }

            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException e)
            {
                throw new CliException(ExitCode.Failure, "the server's \"document\" is not base64", e);
            }
        }
    }

    private static string? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
