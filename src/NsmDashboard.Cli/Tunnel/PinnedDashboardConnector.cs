using System.Net.Http;
using System.Net.Security;
using NsmDashboard.Cli.Tls;

namespace NsmDashboard.Cli.Tunnel;

/// <summary>
/// The tunnel's <see cref="SocketsHttpHandler.ConnectCallback"/>: every connection to the dashboard is TLS whose
/// certificate must be the pinned one. A different certificate (the dashboard restarted and made a new key, or
/// something else answers) is attested before the connection is handed to the HTTP pool, i.e. before any byte of
/// a browser's request is written to it: over a fresh connection, whose certificate must be this same one, with
/// the same policy. If it passes, it becomes the pin; if not, the connection is closed and the request refused.
/// </summary>
internal sealed class PinnedDashboardConnector : IDisposable
{
    // Certificates that failed attestation, so a lasting impostor is not attested again on every connection.
    private const int MaxRememberedRefusals = 64;

    private readonly DashboardTlsConnector _connector;
    private readonly DashboardAttestor _attestor;
    private readonly TunnelLog _log;
    private readonly SemaphoreSlim _attesting = new(1, 1);
    private readonly Dictionary<string, TunnelRefusedException> _refused = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private CertificateFingerprint _pinned;
    private int _connections;

    public PinnedDashboardConnector(Uri server, DashboardAttestor attestor, CertificateFingerprint pinned, TunnelLog log)
    {
        _connector = new DashboardTlsConnector(server);
        _attestor = attestor ?? throw new ArgumentNullException(nameof(attestor));
        _pinned = pinned ?? throw new ArgumentNullException(nameof(pinned));
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <inheritdoc/>
    public void Dispose() => _attesting.Dispose();

    /// <summary>The certificate connections must present now.</summary>
    public CertificateFingerprint Pinned
    {
        get
        {
            lock (_gate)
            {
                return _pinned;
            }
        }
    }

    /// <summary>How many times a new certificate was attested and pinned.</summary>
    public int Reattestations { get; private set; }

    /// <summary>Opens a dashboard connection for the HTTP pool, checked against the pin (see the type's remarks).</summary>
    /// <exception cref="TunnelRefusedException">Another certificate was served and it failed attestation.</exception>
    /// <exception cref="DashboardConnectException">No TLS connection could be made.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var number = Interlocked.Increment(ref _connections);
        var connection = await _connector.ConnectAsync(ProtocolsFor(context.InitialRequestMessage), cancellationToken).ConfigureAwait(false);
        try
        {
            var served = connection.Fingerprint;
            var alpn = connection.ApplicationProtocol.Length > 0 ? connection.ApplicationProtocol : "no ALPN";
            if (served.SameCertificateAs(Pinned))
            {
                _log.Write($"dashboard connection #{number} ({alpn}): certificate {served.Sha256Colon} is the pinned one");
                return connection.Stream;
            }

            _log.Write($"dashboard connection #{number} ({alpn}): certificate {served.Sha256Colon} is NOT the pinned one; attesting it before anything is sent");
            await AttestNewCertificateAsync(served, cancellationToken).ConfigureAwait(false);
            return connection.Stream;
        }
        catch
        {
            await connection.Stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            connection.Dispose();
        }
    }

    // ALPN as SocketsHttpHandler itself would offer for this request: a pool asking for HTTP/1.1 (a WebSocket
    // upgrade, say) must not be handed a connection on which the server chose h2.
    private static IReadOnlyList<SslApplicationProtocol> ProtocolsFor(HttpRequestMessage request)
    {
        if (request.Version.Major >= 2 && request.VersionPolicy != HttpVersionPolicy.RequestVersionOrLower)
        {
            return [SslApplicationProtocol.Http2];
        }

        return request.Version.Major >= 2 || request.VersionPolicy == HttpVersionPolicy.RequestVersionOrHigher
            ? DashboardTlsConnector.BrowserProtocols
            : DashboardTlsConnector.Http11Only;
    }

    private async Task AttestNewCertificateAsync(CertificateFingerprint served, CancellationToken cancellationToken)
    {
        var key = served.Sha256Colon;
        await _attesting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another connection may have attested this certificate (or refused it) while this one waited.
            if (served.SameCertificateAs(Pinned))
            {
                _log.Write($"certificate {key} was attested meanwhile; it is the pin now");
                return;
            }

            if (_refused.TryGetValue(key, out var known))
            {
                _log.Write($"certificate {key} failed attestation before ({known.Check}); refused");
                throw new TunnelRefusedException(known.Check, known.Evidence, key, Pinned.Sha256Colon);
            }

            var refusal = await AttestAsync(served, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                _log.Write($"re-attestation of {key} FAILED: {refusal.Check}: {refusal.Evidence}; nothing is forwarded on this connection");
                throw refusal;
            }
        }
        finally
        {
            _attesting.Release();
        }
    }

    // Null when the certificate passed and is now the pin; otherwise why not.
    private async Task<TunnelRefusedException?> AttestAsync(CertificateFingerprint served, CancellationToken cancellationToken)
    {
        var key = served.Sha256Colon;
        var pinned = Pinned.Sha256Colon;
        VerifyTlsReport report;
        try
        {
            report = await _attestor.AttestAsync(_connector.Server, nonce: null, at: null, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            // No document at all (unreachable, or not a dashboard): not remembered, it may be passing.
            return new TunnelRefusedException("attestation request", e.Message, key, pinned, e);
        }

        using (report)
        {
            TunnelRefusedException? refusal = null;
            if (!report.Verified)
            {
                var failure = report.Result.FirstFailure;
                var unbound = report.Binding.FirstOrDefault(check => !check.Passed);
                refusal = new TunnelRefusedException(failure?.Name ?? unbound!.Name, failure?.Evidence ?? unbound!.Evidence, key, pinned);
            }
            else if (!report.Fingerprint.SameCertificateAs(served))
            {
                // The attested connection was served a third certificate: connections are being sent to different
                // servers, and the one this browser connection reached is not the one that attested.
                refusal = new TunnelRefusedException(
                    "same certificate on the attested connection",
                    $"the attestation came over a connection served {report.Fingerprint.Sha256Colon}, not {key}: connections to this address reach different servers",
                    key,
                    pinned);
            }

            if (refusal is not null)
            {
                if (report.Result.FirstFailure is not null || report.Binding.Any(check => !check.Passed))
                {
                    Remember(key, refusal);
                }

                return refusal;
            }

            lock (_gate)
            {
                _pinned = served;
            }

            Reattestations++;
            var image = report.MatchedSet is { } set ? $"the image of {set.Name}" : "any image (--any-enclave)";
            _log.Write($"re-attested: certificate {key} is bound by a fresh attestation of {image}; pinned it (was {pinned})");
            foreach (var warning in report.Warnings)
            {
                _log.Write($"warning: {warning}");
            }

            return null;
        }
    }

    private void Remember(string key, TunnelRefusedException refusal)
    {
        if (_refused.Count >= MaxRememberedRefusals)
        {
            _refused.Clear();
        }

        _refused[key] = refusal;
    }
}
