using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace NsmDashboard.Cli.Tls;

/// <summary>What one TLS connection to the dashboard yielded: the connection's facts and the document fetched over it.</summary>
internal sealed record TlsAttestationExchange(
    Uri Server,
    DashboardTlsConnection Connection,
    Version HttpVersion,
    byte[] Document) : IDisposable
{
    /// <summary>The route of the document that binds the dashboard's certificate.</summary>
    public const string Route = "api/attestation/tls";

    private const int MaxResponseBytes = 1024 * 1024;

    /// <inheritdoc/>
    public void Dispose() => Connection.Dispose();

    /// <summary>
    /// Opens one TLS connection to the dashboard, keeps the certificate it serves, and sends
    /// <c>GET /api/attestation/tls?nonce=…</c> over that same connection, so that the document answers on the
    /// connection whose certificate is checked. HttpClient speaks HTTP on it (HTTP/2 when the server picks h2 by
    /// ALPN, else HTTP/1.1): its pool is given exactly this connection through <see cref="SocketsHttpHandler.ConnectCallback"/>
    /// and may open no other.
    /// </summary>
    /// <exception cref="CliException">
    /// The server cannot be reached, the handshake fails or no answer comes in time (exit 2); it answers something
    /// other than a document (exit 1).
    /// </exception>
    public static async Task<TlsAttestationExchange> FetchAsync(Uri server, byte[] nonce, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(nonce);
        var connector = new DashboardTlsConnector(server);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var token = timeoutSource.Token;

        DashboardTlsConnection? connection = null;
        DashboardConnectException? connectFailure = null;
        var secondConnection = false;
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 1,
            ActivityHeadersPropagator = null,
            ConnectCallback = async (_, callbackToken) =>
            {
                // One connection: the document must come over the connection whose certificate is checked.
                // (HttpClient retries a request whose connection closed before any answer on a new connection.)
                if (connection is not null)
                {
                    secondConnection = true;
                    throw new HttpRequestException(HttpRequestError.ResponseEnded, "the server closed the connection without answering");
                }

                try
                {
                    connection = await connector.ConnectAsync(DashboardTlsConnector.BrowserProtocols, callbackToken).ConfigureAwait(false);
                }
                catch (DashboardConnectException e)
                {
                    connectFailure = e;
                    throw;
                }

                return connection.Stream;
            },
        };
        using var client = new HttpClient(handler, disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, RequestUri(server, nonce))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("nsm-verify-tls", null));

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            var document = DocumentFrom(response, body);
            return new TlsAttestationExchange(server, connection!, response.Version, document);
        }
        catch (HttpRequestException e) when (connectFailure is not null)
        {
            throw CliException.Usage(connectFailure.Message, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            connection?.Dispose();
            throw CliException.Usage(
                connection is null
                    ? $"{connector.Where}: no TLS connection within {Seconds(timeout)} s"
                    : $"{server.Authority}: no answer within {Seconds(timeout)} s",
                e);
        }
        catch (HttpRequestException e) when (secondConnection)
        {
            connection?.Dispose();
            throw new CliException(ExitCode.Failure, $"{server.Authority}: the server closed the connection without answering (a document from another connection would prove nothing)", e);
        }
        catch (HttpRequestException e)
        {
            connection?.Dispose();
            throw e.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded
                or HttpRequestError.ConfigurationLimitExceeded or HttpRequestError.HttpProtocolError or HttpRequestError.Unknown
                ? new CliException(ExitCode.Failure, $"{server.Authority}: the answer is not a valid HTTP response: {Innermost(e)}", e)
                : CliException.Usage($"{server.Authority}: the connection failed during the request: {Innermost(e)}", e);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    private static Uri RequestUri(Uri server, byte[] nonce) =>
        new(server, server.AbsolutePath.TrimEnd('/') + "/" + Route + "?nonce=" + Convert.ToHexStringLower(nonce));

    private static byte[] DocumentFrom(HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new CliException(
                ExitCode.Failure,
                string.Create(CultureInfo.InvariantCulture, $"the server answered {status} {response.ReasonPhrase} with {mediaType ?? "no content type"}, not JSON: it does not serve {Route}"),
                e);
        }

        using (json)
        {
            var root = json.RootElement;
            if (status != 200)
            {
                var code = Member(root, "errorCode") ?? "no errorCode";
                var detail = Member(root, "detail") ?? Member(root, "title") ?? response.ReasonPhrase;
                throw new CliException(
                    ExitCode.Failure,
                    string.Create(CultureInfo.InvariantCulture, $"the server refused the request: {status} {code}: {detail}"));
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

    private static string Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e.Message;
    }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
