using System.Net;
using System.Runtime.Versioning;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NsmDashboard.Vsock;

/// <summary>
/// A Kestrel transport for AF_VSOCK (Kestrel cannot bind vsock itself, dotnet/aspnetcore#34050). Register it
/// beside Kestrel's socket transport and listen on a <see cref="VsockEndPoint"/>:
/// <code>
/// services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IConnectionListenerFactory, VsockConnectionListenerFactory&gt;());
/// builder.WebHost.ConfigureKestrel(k =&gt; k.Listen(new VsockEndPoint(VsockCid.Any, 5000)));
/// </code>
/// It claims only <see cref="VsockEndPoint"/>s (<see cref="CanBind"/>), so TCP and Unix endpoints keep going to
/// the socket transport. Each accepted connection reaches Kestrel as an ordinary <see cref="ConnectionContext"/>.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class VsockConnectionListenerFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly VsockTransportOptions _options;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates the factory with default options and no logging.</summary>
    public VsockConnectionListenerFactory()
        : this(new VsockTransportOptions(), NullLoggerFactory.Instance)
    {
    }

    /// <summary>Creates the factory with default options (the constructor dependency injection uses).</summary>
    public VsockConnectionListenerFactory(ILoggerFactory loggerFactory)
        : this(new VsockTransportOptions(), loggerFactory)
    {
    }

    /// <summary>Creates the factory.</summary>
    public VsockConnectionListenerFactory(VsockTransportOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Backlog, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxReadBufferSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxWriteBufferSize, nameof(options));
        _options = options;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Only vsock addresses; everything else is left to the other transports.</summary>
    public bool CanBind(EndPoint endpoint) => endpoint switch
    {
        VsockEndPoint => true,
        _ => false,
    };

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException"><paramref name="endpoint"/> is not a <see cref="VsockEndPoint"/>.</exception>
    /// <exception cref="VsockException">The socket cannot be created, bound or put into listening state.</exception>
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not VsockEndPoint vsock)
        {
            throw new NotSupportedException($"The vsock transport binds only vsock addresses, not {endpoint?.GetType().Name ?? "null"} {endpoint}.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var listener = VsockListener.Start(vsock, _options.Backlog);
        var logger = _loggerFactory.CreateLogger("NsmDashboard.Vsock.Transport");
        return new ValueTask<IConnectionListener>(new VsockConnectionListener(listener, _options, logger));
    }
}
