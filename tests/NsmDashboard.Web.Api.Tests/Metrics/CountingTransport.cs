using System.Collections.Concurrent;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Metrics;

namespace NsmDashboard.Web.Api.Tests.Metrics;

/// <summary>Passes every request to the emulator and counts them by variant, to see which reads a scrape costs.</summary>
public sealed class CountingTransport(INsmTransport inner) : INsmTransport
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public NsmTransportKind Kind => inner.Kind;

    public string Description => inner.Description;

    public int Count(string operation) => _counts.TryGetValue(operation, out var count) ? count : 0;

    public int Exchange(ReadOnlySpan<byte> request, Span<byte> response)
    {
        _counts.AddOrUpdate(NsmMessageNames.Operation(request), 1, static (_, n) => n + 1);
        return inner.Exchange(request, response);
    }

    public void Dispose()
    {
    }
}
