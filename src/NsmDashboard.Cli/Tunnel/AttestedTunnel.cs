using System.Net;
using NsmDashboard.Cli.Output;
using NsmDashboard.Cli.Tls;

namespace NsmDashboard.Cli.Tunnel;

/// <summary>
/// <c>nsm connect</c> while it runs: the dashboard attested once on a connection of its own, its certificate pinned,
/// and the local server forwarding the browser's requests over connections checked against the pin.
/// </summary>
internal sealed class AttestedTunnel : IAsyncDisposable
{
    private readonly TunnelServer _server;
    private readonly PinnedDashboardConnector _connector;
    private readonly TunnelLog _log;

    private AttestedTunnel(TunnelServer server, PinnedDashboardConnector connector, TunnelLog log)
    {
        _server = server;
        _connector = connector;
        _log = log;
    }

    /// <summary>Where the browser opens the dashboard.</summary>
    public Uri Url => _server.Url;

    /// <summary>The certificate connections must present now.</summary>
    public CertificateFingerprint Pinned => _connector.Pinned;

    /// <summary>How many times a new certificate was attested and pinned.</summary>
    public int Reattestations => _connector.Reattestations;

    /// <summary>Attests <paramref name="server"/>, pins its certificate, and starts serving on <paramref name="listen"/>.</summary>
    /// <param name="server">The dashboard's https address.</param>
    /// <param name="listen">The local address for the browser.</param>
    /// <param name="attestor">The root and policy every attestation is held to.</param>
    /// <param name="log">Where connections and attestations are logged.</param>
    /// <param name="report">Where the full report goes when the first attestation fails.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="CliException">
    /// The first attestation failed (exit 1, the report written), no connection could be made (exit 2), or the
    /// address cannot be listened on (exit 2).
    /// </exception>
    public static async Task<AttestedTunnel> StartAsync(
        Uri server, IPEndPoint listen, DashboardAttestor attestor, TunnelLog log, TextWriter report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(attestor);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(report);
        CertificateFingerprint pinned;
        using (var first = await attestor.AttestAsync(server, nonce: null, at: null, cancellationToken).ConfigureAwait(false))
        {
            if (!first.Verified)
            {
                VerifyTlsText.Write(report, first);
                throw new CliException(ExitCode.Failure, $"{server.GetLeftPart(UriPartial.Authority)} failed attestation, so nothing is served: {first.FirstFailureText}");
            }

            pinned = first.Fingerprint;
            log.Write($"attested {server.GetLeftPart(UriPartial.Authority)}: {first.Verdict}");
            log.Write($"pinned certificate sha256 {pinned.Sha256Colon} (sha384 {pinned.Sha384Hex})");
            foreach (var warning in first.Warnings)
            {
                log.Write($"warning: {warning}");
            }
        }

        var connector = new PinnedDashboardConnector(server, attestor, pinned, log);
        try
        {
            // A new connection may need a re-attestation (a connection of its own) before it is handed over.
            var tunnel = await TunnelServer.StartAsync(server, listen, attestor.Timeout * 2, connector, log, cancellationToken).ConfigureAwait(false);
            log.Write($"serving {tunnel.Url} (loopback: {IPAddress.IsLoopback(listen.Address)})");
            return new AttestedTunnel(tunnel, connector, log);
        }
        catch (IOException e)
        {
            connector.Dispose();
            throw CliException.Usage($"--listen {listen}: cannot listen there: {e.Message}", e);
        }
        catch
        {
            connector.Dispose();
            throw;
        }
    }

    /// <summary>Stops accepting, gives open exchanges <paramref name="grace"/> to finish, then closes them.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _log.Write($"stopping: no new connections; open ones get up to {grace.TotalSeconds} s");
        await _server.StopAsync(grace).ConfigureAwait(false);
        _log.Write($"stopped ({_connector.Reattestations} re-attestation(s) while running)");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        _connector.Dispose();
    }
}
