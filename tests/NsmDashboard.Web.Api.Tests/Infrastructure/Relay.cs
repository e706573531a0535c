using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Web.Api.Tests.Infrastructure;

/// <summary>
/// A man in the middle on loopback in front of the dashboard. <see cref="Terminating"/> ends the client's TLS with its
/// own certificate and opens a second TLS connection to the dashboard, forwarding the plaintext (what a parent
/// instance that wanted to read the traffic would have to do); <see cref="Transparent"/> forwards the bytes unread
/// (what the parent's vsock proxy does).
/// </summary>
internal sealed class Relay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private Relay(IPEndPoint upstream, X509Certificate2? certificate)
    {
        _upstream = upstream;
        _certificate = certificate;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's address, to give the client instead of the dashboard's.</summary>
    public Uri Address => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>How many connections were relayed.</summary>
    public int Connections { get; private set; }

    public static Relay Terminating(IPEndPoint upstream, X509Certificate2 certificate) => new(upstream, certificate);

    public static Relay Transparent(IPEndPoint upstream) => new(upstream, null);

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

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Connections++;
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(_upstream, _stop.Token);
                Stream down = client.GetStream();
                Stream up = upstream.GetStream();
                if (_certificate is not null)
                {
                    var downTls = new SslStream(down);
                    await downTls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                    // The attacker takes whatever the dashboard serves.
                    var upTls = new SslStream(up, false, (_, certificate, _, _) => certificate is not null);
                    await upTls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, _stop.Token);
                    (down, up) = (downTls, upTls);
                }

                await using (down)
                await using (up)
                {
                    // Until either side is done; then both are closed.
                    await Task.WhenAny(down.CopyToAsync(up, _stop.Token), up.CopyToAsync(down, _stop.Token));
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
                // A relay drops what it cannot carry; the client sees a closed connection.
            }
        }
    }
}
