using System.Buffers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace NsmDashboard.Vsock;

/// <summary>
/// The connection features Kestrel and middleware look for. Kestrel adds its own (heartbeat, completion,
/// metrics) to the same collection, so it stays writable.
/// </summary>
internal sealed partial class VsockConnection :
    IConnectionIdFeature,
    IConnectionTransportFeature,
    IConnectionItemsFeature,
    IConnectionLifetimeFeature,
    IConnectionEndPointFeature,
    IConnectionSocketFeature,
    IMemoryPoolFeature
{
    MemoryPool<byte> IMemoryPoolFeature.MemoryPool => MemoryPool;

    /// <summary>The socket, for callers that set options on it; its endpoints cannot describe vsock (use <see cref="BaseConnectionContext.RemoteEndPoint"/>).</summary>
    Socket IConnectionSocketFeature.Socket => _socket;

    private FeatureCollection CreateFeatures()
    {
        var features = new FeatureCollection();
        features.Set<IConnectionIdFeature>(this);
        features.Set<IConnectionTransportFeature>(this);
        features.Set<IConnectionItemsFeature>(this);
        features.Set<IConnectionLifetimeFeature>(this);
        features.Set<IConnectionEndPointFeature>(this);
        features.Set<IConnectionSocketFeature>(this);
        features.Set<IMemoryPoolFeature>(this);
        return features;
    }
}
