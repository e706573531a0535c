using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NsmDashboard.Vsock;

namespace NsmDashboard.Proxy;

/// <summary>The addresses nsm-proxy takes on its command line, each with an error that says how to write it.</summary>
internal static class AddressText
{
    /// <summary>
    /// <c>--listen</c>: <c>IP:PORT</c> (<c>0.0.0.0:8443</c>, <c>[::]:8443</c>, <c>127.0.0.1:8443</c>),
    /// <c>localhost:PORT</c> or <c>*:PORT</c> (every IPv4 address).
    /// </summary>
    public static IPEndPoint ParseListen(string text)
    {
        string value = text.Trim();
        int colon = value.LastIndexOf(':');
        if (colon > 0 && TryParsePort(value[(colon + 1)..], out int port))
        {
            string host = value[..colon];
            if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                return new IPEndPoint(IPAddress.Loopback, port);
            }

            if (host == "*")
            {
                return new IPEndPoint(IPAddress.Any, port);
            }
        }

        if (IPEndPoint.TryParse(value, out var endPoint) && value.Contains(':', StringComparison.Ordinal)
            && (endPoint.AddressFamily == AddressFamily.InterNetwork || value.StartsWith('[')))
        {
            return endPoint;
        }

        throw ProxyException.Usage($"--listen '{text}' is not an address to listen on: write IP:PORT, e.g. 0.0.0.0:8443, 127.0.0.1:8443 or [::]:8443.");
    }

    /// <summary>
    /// <c>--to</c>: <c>tcp://HOST:PORT</c> (an IP or a host name), <c>vsock://CID:PORT</c> or <c>unix:/PATH</c>.
    /// </summary>
    public static EndPoint ParseUpstream(string text)
    {
        string value = text.Trim();
        if (value.StartsWith(VsockEndPoint.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return VsockEndPoint.TryParse(value, out var vsock, out string? error) ? vsock : throw ProxyException.Usage($"--to: {error}");
        }

        if (value.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            string path = value["unix:".Length..];
            return Path.IsPathFullyQualified(path)
                ? new UnixDomainSocketEndPoint(path)
                : throw ProxyException.Usage($"--to '{text}': a Unix socket needs an absolute path, e.g. unix:/run/app.sock.");
        }

        const string Tcp = "tcp://";
        if (value.StartsWith(Tcp, StringComparison.OrdinalIgnoreCase))
        {
            string hostPort = value[Tcp.Length..].TrimEnd('/');
            int colon = hostPort.LastIndexOf(':');
            if (colon > 0 && TryParsePort(hostPort[(colon + 1)..], out int port) && port > 0)
            {
                string host = hostPort[..colon];
                if (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (host.StartsWith('[') || ip.AddressFamily == AddressFamily.InterNetwork))
                {
                    return new IPEndPoint(ip, port);
                }

                if (Uri.CheckHostName(host) == UriHostNameType.Dns)
                {
                    return new DnsEndPoint(host, port);
                }
            }

            throw ProxyException.Usage($"--to '{text}': write tcp://HOST:PORT with a port from 1 to 65535, e.g. tcp://127.0.0.1:5000.");
        }

        throw ProxyException.Usage($"--to '{text}' is not an upstream address: write tcp://HOST:PORT, vsock://CID:PORT or unix:/PATH.");
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= IPEndPoint.MaxPort;
}
