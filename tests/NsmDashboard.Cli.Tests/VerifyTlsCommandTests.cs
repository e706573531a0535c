using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Tests;

/// <summary>
/// <c>nsm verify-tls</c> against small in-test TLS servers (the end-to-end tests against the real dashboard are in
/// NsmDashboard.Web.Api.Tests): HTTP framing, what the server may answer instead of a document, and usage errors.
/// </summary>
public sealed class VerifyTlsCommandTests : IDisposable
{
    private readonly NsmEmulator _emulator = new();
    private readonly TempDirectory _directory = new();
    private readonly string _rootPem;

    public VerifyTlsCommandTests()
    {
        _rootPem = _directory.Write("root.pem", Encoding.ASCII.GetBytes(_emulator.CertificateAuthority.RootCertificate.ExportCertificatePem()));
    }

    public void Dispose()
    {
        _emulator.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_chunked_answer_binding_the_served_certificate_verifies()
    {
        await using var server = new OneShotTlsServer((nonce, certificate) => Chunked(Json(Bound(nonce, certificate))));

        var result = await RunAsync("verify-tls", server.Url, "--root", _rootPem, "--any-enclave");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("verdict       VERIFIED:", result.Lines[^1], StringComparison.Ordinal);
        Assert.Matches("^nonce         [0-9a-f]{64} \\(fresh random, 32 bytes\\)$", result.Lines.Single(l => l.StartsWith("nonce ", StringComparison.Ordinal)));
        Assert.Equal($"GET /api/attestation/tls?nonce={server.Nonce} HTTP/1.1", server.RequestLine);
    }

    [Fact]
    public async Task A_document_binding_another_certificate_fails_the_binding_with_exit_1()
    {
        using var other = OneShotTlsServer.MakeCertificate();
        await using var server = new OneShotTlsServer((nonce, _) => WithLength(Json(Bound(nonce, other))));

        var result = await RunAsync("verify-tls", server.Url, "--root", _rootPem, "--any-enclave");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  ✓ Expected nonce:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✗ public_key is the served certificate's key:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✗ user_data is SHA-384 of the served certificate:", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("verdict       NOT VERIFIED: public_key is the served certificate's key: failed", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_document_fails_the_nonce_check()
    {
        await using var server = new OneShotTlsServer((_, certificate) => WithLength(Json(Bound(new byte[32], certificate))));

        var result = await RunAsync("verify-tls", server.Url, "--root", _rootPem, "--any-enclave");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  ✗ Expected nonce:", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("verdict       NOT VERIFIED: the document is invalid (NonceMismatch)", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_with_TLS_off_answers_a_problem_which_is_exit_1()
    {
        const string Problem = """{"status":404,"title":"TLS is off","detail":"This dashboard serves plain HTTP.","errorCode":"TlsDisabled"}""";
        await using var server = new OneShotTlsServer((_, _) => WithLength(Problem, "404 Not Found", "application/problem+json"));

        var result = await RunAsync("verify-tls", server.Url, "--root", _rootPem, "--any-enclave");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("nsm: the server refused the request: 404 TlsDisabled: This dashboard serves plain HTTP.\n", result.Stderr);
    }

    [Fact]
    public async Task A_server_that_is_not_the_dashboard_is_exit_1()
    {
        await using var server = new OneShotTlsServer((_, _) => WithLength("<html>hello</html>", "200 OK", "text/html"));

        var result = await RunAsync("verify-tls", server.Url, "--root", _rootPem, "--any-enclave");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not JSON: it does not serve api/attestation/tls", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_closes_without_answering_is_exit_1()
    {
        await using var server = new OneShotTlsServer((_, _) => string.Empty);

        var result = await RunAsync("verify-tls", server.Url, "--root", _rootPem, "--any-enclave");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("nsm: 127.0.0.1:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("the server closed the connection without answering", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_larger_than_1_MiB_is_exit_1()
    {
        await using var server = new OneShotTlsServer((_, _) => WithLength(new string('x', (1024 * 1024) + 1)));

        var result = await RunAsync("verify-tls", server.Url, "--root", _rootPem, "--any-enclave");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the answer is not a valid HTTP response", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_not_HTTP_is_exit_1()
    {
        await using var server = new OneShotTlsServer((_, _) => "SSH-2.0-OpenSSH_9.2\r\n\r\n");

        var result = await RunAsync("verify-tls", server.Url, "--root", _rootPem, "--any-enclave");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the answer is not a valid HTTP response", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_exit_2()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await RunAsync("verify-tls", $"https://127.0.0.1:{port}", "--root", _rootPem, "--any-enclave");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"nsm: 127.0.0.1:{port}: cannot open a TLS connection:", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "is not https")]
    [InlineData("127.0.0.1:5001", "is not")]
    [InlineData("https://127.0.0.1:5001/?x=1", "has a query or fragment")]
    public void A_URL_that_is_not_an_https_base_address_is_exit_2(string url, string message)
    {
        var result = Cli.Run("verify-tls", url, "--any-enclave");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_are_exit_2()
    {
        // With a policy, so each is refused for its own reason.
        AssertUsage("--root and --emulator-root conflict", "verify-tls", "https://127.0.0.1:1", "--any-enclave", "--root", _rootPem, "--emulator-root", _directory.Path);
        AssertUsage("--nonce must be 1 to 512 bytes (got 513)", "verify-tls", "https://127.0.0.1:1", "--any-enclave", "--nonce", new string('a', 1026));
        AssertUsage("--nonce", "verify-tls", "https://127.0.0.1:1", "--any-enclave", "--nonce", "xyz");
        AssertUsage("--timeout must be from 1 to 3600 seconds", "verify-tls", "https://127.0.0.1:1", "--any-enclave", "--timeout", "0");
        AssertUsage("--root:", "verify-tls", "https://127.0.0.1:1", "--any-enclave", "--root", _directory.File("missing.pem"));
        AssertUsage("selects an NSM module", "--emulator", "verify-tls", "https://127.0.0.1:1", "--any-enclave");
        AssertUsage("Required argument missing", "verify-tls");
    }

    private static void AssertUsage(string message, params string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    private static Task<CliResult> RunAsync(params string[] args) => Task.Run(() => Cli.Run(args));

    // What the dashboard does: a document over the nonce with public_key = SPKI and user_data = SHA-384(DER).
    private string Bound(byte[] nonce, X509Certificate2 certificate)
    {
        var client = new NsmClient(_emulator);
        var document = client.GetAttestationDocumentAsync(new AttestationRequest(
            UserData: SHA384.HashData(certificate.RawData),
            Nonce: nonce,
            PublicKey: certificate.PublicKey.ExportSubjectPublicKeyInfo())).AsTask().GetAwaiter().GetResult();
        return Convert.ToBase64String(document.Span);
    }

    private static string Json(string base64) => $$"""{"document":"{{base64}}","decoded":null,"verification":null}""";

    private static string WithLength(string body, string status = "200 OK", string type = "application/json") =>
        string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

    private static string Chunked(string body)
    {
        var response = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (var i = 0; i < body.Length; i += 1000)
        {
            var chunk = body.Substring(i, Math.Min(1000, body.Length - i));
            response.Append(CultureInfo.InvariantCulture, $"{chunk.Length:x};ext=1\r\n{chunk}\r\n");
        }

        return response.Append("0\r\n\r\n").ToString();
    }

    /// <summary>A TLS server on loopback that answers one request with what the responder makes of its nonce.</summary>
    private sealed class OneShotTlsServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate = MakeCertificate();
        private readonly Task _serving;

        public OneShotTlsServer(Func<byte[], X509Certificate2, string> respond)
        {
            _listener.Start();
            _serving = ServeAsync(respond);
        }

        public string Url => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public string? RequestLine { get; private set; }

        public string Nonce => RequestLine is { } line ? line.Split("nonce=")[1].Split(' ')[0] : string.Empty;

        public static X509Certificate2 MakeCertificate()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            return new CertificateRequest("CN=test-server", key, HashAlgorithmName.SHA384)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try
            {
                await _serving;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
            {
                // The client went away or never came.
            }

            _certificate.Dispose();
        }

        private async Task ServeAsync(Func<byte[], X509Certificate2, string> respond)
        {
            using var client = await _listener.AcceptTcpClientAsync();
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate });
            using var reader = new StreamReader(tls, Encoding.ASCII, false, 1024, leaveOpen: true);
            RequestLine = await reader.ReadLineAsync();
            while (await reader.ReadLineAsync() is { Length: > 0 })
            {
            }

            var response = respond(Convert.FromHexString(Nonce), _certificate);
            await tls.WriteAsync(Encoding.UTF8.GetBytes(response));
            await tls.FlushAsync();
        }
    }
}
