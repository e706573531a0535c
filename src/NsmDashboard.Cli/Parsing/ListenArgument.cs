using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Cli.Parsing;

/// <summary><c>connect --listen</c>: <c>IP:PORT</c> (<c>127.0.0.1:8080</c>, <c>[::1]:8080</c>) or <c>localhost:PORT</c>.</summary>
internal static class ListenArgument
{
    /// <summary>The default: loopback, port 8080.</summary>
    public const string Default = "127.0.0.1:8080";

    /// <exception cref="CliException">Not an address to listen on (exit 2).</exception>
    public static IPEndPoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var colon = value.LastIndexOf(':');
        if (colon > 0 && value[..colon].Equals("localhost", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort)
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        if (IPEndPoint.TryParse(value, out var endPoint) && colon > 0
            && (endPoint.AddressFamily == AddressFamily.InterNetwork || value.StartsWith('[')))
        {
            return endPoint;
        }

        throw CliException.Usage($"--listen '{text}' is not an address to listen on: write IP:PORT, e.g. 127.0.0.1:8080 or [::1]:8080 (port 0: any free port)");
    }
}
