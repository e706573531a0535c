using System.Net;

namespace NsmDashboard.Vsock;

public sealed partial class RelayServer
{
    private readonly Dictionary<EndPoint, int> _openPerSource = [];
    private readonly Lock _limitsGate = new();
    private long _lastRefusalLogged = long.MinValue;
    private long _refusalsSinceLastLine;

    /// <summary>
    /// The source a per-source limit counts a client under: its IP address (an IPv4 client of a dual-mode socket as
    /// IPv4, so both forms share one count) or its vsock CID; null for what has no address worth counting (Unix).
    /// </summary>
    internal static EndPoint? SourceOf(EndPoint? client) => client switch
    {
        IPEndPoint ip => new IPEndPoint(ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address, 0),
        VsockEndPoint vsock => new VsockEndPoint(vsock.Cid, 0),
        _ => null,
    };

    /// <summary>Counts one more connection from <paramref name="source"/>, unless that many are open already.</summary>
    private bool TryEnterSource(EndPoint source)
    {
        lock (_limitsGate)
        {
            _openPerSource.TryGetValue(source, out int open);
            if (open >= _options.MaxConnectionsPerSource)
            {
                return false;
            }

            _openPerSource[source] = open + 1;
            return true;
        }
    }

    private void LeaveSource(EndPoint? source)
    {
        if (source is null)
        {
            return;
        }

        lock (_limitsGate)
        {
            // Sources with nothing open are forgotten, so many short-lived clients leave nothing behind.
            if (_openPerSource.TryGetValue(source, out int open) && open > 1)
            {
                _openPerSource[source] = open - 1;
            }
            else
            {
                _openPerSource.Remove(source);
            }
        }
    }

    /// <summary>Closes a refused client and logs it, at most once per <see cref="RelayServerOptions.RefusalLogInterval"/>.</summary>
    private void Refuse(long id, Accepted client, EndPoint? source)
    {
        Interlocked.Increment(ref source is null ? ref _refused : ref _refusedPerSource);
        long suppressed = -1;
        lock (_limitsGate)
        {
            TimeProvider time = _options.Relay.TimeProvider;
            long now = time.GetTimestamp();
            if (_lastRefusalLogged == long.MinValue || time.GetElapsedTime(_lastRefusalLogged, now) >= _options.RefusalLogInterval)
            {
                suppressed = _refusalsSinceLastLine;
                _refusalsSinceLastLine = 0;
                _lastRefusalLogged = now;
            }
            else
            {
                _refusalsSinceLastLine++;
            }
        }

        if (suppressed >= 0)
        {
            string clientText = UpstreamDialer.Describe(client.RemoteEndPoint);
            string more = suppressed == 0 ? string.Empty : $"; {suppressed} more refused since the last such line";
            if (source is null)
            {
                LogRefused(_logger, id, clientText, _options.MaxConnections, more);
            }
            else
            {
                LogRefusedPerSource(_logger, id, clientText, _options.MaxConnectionsPerSource, SourceText(source), more);
            }
        }

        client.Socket.Dispose();
    }

    private static string SourceText(EndPoint source) => source switch
    {
        IPEndPoint ip => ip.Address.ToString(),
        VsockEndPoint vsock => $"vsock CID {vsock.Cid}",
        _ => source.ToString() ?? "?",
    };
}
