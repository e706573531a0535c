using System.Buffers;
using System.Net;
using BenchmarkDotNet.Attributes;
using NsmDashboard.Vsock;

namespace NsmDashboard.Benchmarks;

/// <summary>
/// What the PROXY v2 header costs to write (nsm-proxy, once per connection) and to read (the dashboard's vsock
/// listener, once per connection).
/// </summary>
[MemoryDiagnoser]
public class ProxyProtocolBenchmarks
{
    private static readonly IPEndPoint s_client = IPEndPoint.Parse("203.0.113.7:50123");
    private static readonly IPEndPoint s_listen = IPEndPoint.Parse("10.0.0.5:8443");

    private readonly byte[] _buffer = new byte[ProxyProtocolV2.MaxWrittenLength];
    private readonly ReadOnlySequence<byte> _v4 = new(ProxyProtocolV2.CreateHeader(s_client, s_listen));
    private readonly ReadOnlySequence<byte> _v6 = new(ProxyProtocolV2.CreateHeader(IPEndPoint.Parse("[2001:db8::7]:50123"), IPEndPoint.Parse("[2001:db8::1]:8443")));

    [Benchmark]
    public int WriteIPv4() => ProxyProtocolV2.WriteHeader(_buffer, s_client, s_listen);

    [Benchmark]
    public int ParseIPv4()
    {
        ProxyProtocolV2.TryParse(_v4, ProxyProtocolV2.DefaultMaxHeaderLength, out var header, out _);
        return header!.Length;
    }

    [Benchmark]
    public int ParseIPv6()
    {
        ProxyProtocolV2.TryParse(_v6, ProxyProtocolV2.DefaultMaxHeaderLength, out var header, out _);
        return header!.Length;
    }
}
