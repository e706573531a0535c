using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Output;
using NsmDashboard.Cli.Tls;
using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Cli.Infrastructure.Pull;

/// <summary>
/// An HTTP client for one dashboard that trusts the parent with nothing: over HTTPS it first fetches
/// <c>/api/attestation/tls</c> with a fresh nonce through <see cref="DashboardAttestor"/> (the code of <c>nsm verify-tls</c>
/// and <c>nsm connect</c>), requires the document to meet the <see cref="EnclavePolicy"/> and bind the certificate
/// served, pins that certificate for every connection, and only then sends the bearer token.
/// </summary>
internal sealed class DashboardConnection : IDisposable
{
    private const int MaxSmallResponseBytes = 1024 * 1024;

    private readonly HttpClient _client;
    private readonly Uri _base;
    private readonly TimeSpan _timeout;

    private DashboardConnection(HttpClient client, Uri server, TimeSpan timeout, string binding)
    {
        _client = client;
        _base = new Uri(server.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        _timeout = timeout;
        Binding = binding;
    }

    /// <summary>How the connection was found to end in the enclave, for the output.</summary>
    public string Binding { get; }

    /// <summary>Connects and, over HTTPS, checks and pins the TLS binding before the token is sent.</summary>
    /// <exception cref="PullTransportException">No connection.</exception>
    /// <exception cref="CliException">The TLS binding or the enclave policy does not hold, or the server refuses (exit 1).</exception>
    public static async Task<DashboardConnection> OpenAsync(
        Uri server, string token, DashboardAttestor attestor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attestor);
        var timeout = attestor.Timeout;
        var pin = new CertificatePin();
        var handler = new SocketsHttpHandler
        {
            // The parent may relay, never decide: no proxy from the environment, no redirects, no cookies.
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = timeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = pin.Validate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            },
        };
        var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("nsm-audit-pull", "1"));
        try
        {
            var binding = server.Scheme == Uri.UriSchemeHttps
                ? await CheckTlsBindingAsync(server, pin, attestor, cancellationToken).ConfigureAwait(false)
                : "plain HTTP (--allow-http): the token travels in the clear; only the checkpoints prove the records";
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new DashboardConnection(client, server, timeout, binding);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts <c>GET /api/{stream}/export?after=…&amp;chain=…&amp;wait=…</c>; the caller reads the body as lines. With a
    /// wait, the dashboard holds the answer open until there is something new (a long poll).
    /// </summary>
    public async Task<HttpResponseMessage> ExportAsync(EvidenceLog stream, long after, EvidenceHash? chain, TimeSpan wait, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"after={after}") + (chain is { } id ? $"&chain={id}" : string.Empty)
            + (wait > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"&wait={(int)wait.TotalSeconds}") : string.Empty);
        var response = await SendAsync(new Uri(_base, $"api/{stream.Name()}/export?{query}"), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary><c>GET /api/{stream}/checkpoint?nonce=…</c>: the checkpoint line's bytes.</summary>
    public async Task<byte[]> CheckpointAsync(EvidenceLog stream, byte[] nonce, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            new Uri(_base, $"api/{stream.Name()}/checkpoint?nonce={Convert.ToHexStringLower(nonce)}"), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadSmallAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The per-read timeout: how long the dashboard may stay silent.</summary>
    public TimeSpan ReadTimeout => _timeout;

    public void Dispose() => _client.Dispose();

    // The attestor (shared with verify-tls and connect) opens its own connection, so the certificate it checks is the
    // one pinned here: every connection the client opens after must present exactly that one.
    private static async Task<string> CheckTlsBindingAsync(Uri server, CertificatePin pin, DashboardAttestor attestor, CancellationToken cancellationToken)
    {
        VerifyTlsReport report;
        try
        {
            report = await attestor.AttestAsync(server, nonce: null, at: null, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException e) when (e.ExitCode == ExitCode.Usage)
        {
            // No TLS connection, or no answer in time: a dashboard that is restarting may answer on the next try.
            throw new PullTransportException(e.Message, e);
        }

        using (report)
        {
            if (!report.Verified)
            {
                throw new CliException(ExitCode.Failure,
                    $"{server.Authority}: the dashboard does not meet the policy ({attestor.Policy.Description}): {report.FirstFailureText}; this connection may not end in the expected enclave, so the token is not sent and nothing is pulled");
            }

            var certificate = report.Exchange.Connection.Certificate;
            if (!pin.Pin(certificate.RawData))
            {
                throw new CliException(ExitCode.Failure, $"{server.Authority}: connections to this address are served different certificates; the token is not sent");
            }

            var image = report.MatchedSet is { } set ? $"the image of {set.Name}" : "any image (--any-enclave)";
            return $"TLS certificate SHA-256 {Convert.ToHexStringLower(SHA256.HashData(certificate.RawData))[..16]}… bound by a fresh attestation of module {report.Result.Document!.ModuleId} "
                + $"running {image} ({report.Result.TrustRoot.Name})";
        }
    }

    private Task<HttpResponseMessage> SendAsync(Uri uri, HttpCompletionOption completion, CancellationToken cancellationToken) =>
        Send(_client, uri, completion, _timeout, cancellationToken);

    private static async Task<HttpResponseMessage> Send(HttpClient client, Uri uri, HttpCompletionOption completion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await client.GetAsync(uri, completion, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PullTransportException($"{uri.Authority}: no answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new PullTransportException($"{uri.Authority}: {e.Message}{(e.InnerException is { } inner ? ": " + inner.Message : string.Empty)}", e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        string detail;
        try
        {
            var body = await ReadSmallAsync(response, cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            detail = $"{Member(json.RootElement, "errorCode") ?? "no errorCode"}: {Member(json.RootElement, "detail") ?? Member(json.RootElement, "title") ?? response.ReasonPhrase}";
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            detail = response.ReasonPhrase ?? "no reason";
        }

        response.Dispose();
        var message = string.Create(CultureInfo.InvariantCulture, $"{response.RequestMessage?.RequestUri?.Authority}: the dashboard answered {status}: {detail}");
        // A dashboard that is starting or overloaded may answer later; anything else is a refusal to report.
        throw response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests
            ? new PullTransportException(message)
            : new CliException(ExitCode.Failure, message);
    }

    private static async Task<byte[]> ReadSmallAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxSmallResponseBytes)
        {
            throw new InvalidDataException("the answer is larger than 1 MiB");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxSmallResponseBytes)
                {
                    throw new InvalidDataException("the answer is larger than 1 MiB");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static byte[] DocumentFrom(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return Member(json.RootElement, "document") is { } base64
                ? Convert.FromBase64String(base64)
                : throw new CliException(ExitCode.Failure, "the TLS binding answer has no \"document\"");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new CliException(ExitCode.Failure, $"the TLS binding answer is not a document: {e.Message}", e);
        }
    }

    private static string? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
