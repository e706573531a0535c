using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.TestSupport;

/// <summary>
/// What the parent instance controls: a TCP relay on loopback in front of the dashboard whose target it can swap
/// at any moment (closing the connections it carries, as a restart or a re-route does). Linked into the test projects
/// that put it between a client and the dashboard. It carries ciphertext, or,
/// with a certificate, terminates TLS itself and opens its own TLS connection to the target (a man in the middle).
/// </summary>
public sealed class SwitchableRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private Target _target;

    public SwitchableRelay(Uri target, X509Certificate2? terminateWith = null)
    {
        _target = new Target(target, terminateWith);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's address, to give the client instead of the dashboard's.</summary>
    public Uri Address => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>How many connections were accepted.</summary>
    public int Connections { get; private set; }

    /// <summary>Sends new connections to <paramref name="target"/> and closes the ones open now.</summary>
    public void SwitchTo(Uri target, X509Certificate2? terminateWith = null)
    {
        lock (_gate)
        {
            _target = new Target(target, terminateWith);
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        SwitchTo(_target.Uri);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Target target;
            lock (_gate)
            {
                Connections++;
                _open.Add(client);
                target = _target;
            }

            _ = Task.Run(() => RelayAsync(client, target));
        }
    }

    private async Task RelayAsync(TcpClient client, Target target)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(target.Uri.Host, target.Uri.Port, _stop.Token);
                Stream down = client.GetStream();
                Stream up = upstream.GetStream();
                if (target.Certificate is { } forged)
                {
                    var downTls = new SslStream(down);
                    await downTls.AuthenticateAsServerAsync(
                        new SslServerAuthenticationOptions { ServerCertificate = forged, ApplicationProtocols = [SslApplicationProtocol.Http11] },
                        _stop.Token);
                    var upTls = new SslStream(up, false, (_, certificate, _, _) => certificate is not null);
                    await upTls.AuthenticateAsClientAsync(
                        new SslClientAuthenticationOptions { TargetHost = "localhost", ApplicationProtocols = [SslApplicationProtocol.Http11] },
                        _stop.Token);
                    (down, up) = (downTls, upTls);
                }

                await using (down)
                await using (up)
                {
                    await Task.WhenAny(down.CopyToAsync(up, _stop.Token), up.CopyToAsync(down, _stop.Token));
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                or System.Security.Authentication.AuthenticationException)
            {
                // A relay drops what it cannot carry; the client sees a closed connection.
            }
            finally
            {
                lock (_gate)
                {
                    _open.Remove(client);
                }
            }
        }
    }

    private sealed record Target(Uri Uri, X509Certificate2? Certificate);
}
