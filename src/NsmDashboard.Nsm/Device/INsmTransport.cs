namespace NsmDashboard.Nsm.Device;

/// <summary>
/// The byte seam between the NSM client and the module: one CBOR request in, one CBOR response out,
/// exactly as <c>ioctl(NSM_IOCTL_RAW)</c> on <c>/dev/nsm</c> does. Implementations are thread-safe.
/// </summary>
public interface INsmTransport : IDisposable
{
    /// <summary>What this transport talks to: <c>/dev/nsm</c> or the emulator.</summary>
    NsmTransportKind Kind { get; }

    /// <summary>A human-readable description of the endpoint, e.g. the device path.</summary>
    string Description { get; }

    /// <summary>
    /// Sends one CBOR request and writes the CBOR response into <paramref name="response"/>.
    /// </summary>
    /// <param name="request">The CBOR request; at most <see cref="Protocol.NsmLimits.RequestMaxSize"/> bytes.</param>
    /// <param name="response">A buffer of at least <see cref="Protocol.NsmLimits.ResponseMaxSize"/> bytes.</param>
    /// <returns>The number of response bytes written.</returns>
    /// <exception cref="NsmDeviceException">The device could not be reached or the request was refused before the NSM saw it.</exception>
    int Exchange(ReadOnlySpan<byte> request, Span<byte> response);
}

/// <summary>Which kind of module a transport reaches.</summary>
public enum NsmTransportKind
{
    /// <summary>The real NSM through the Linux driver.</summary>
    Device,

    /// <summary>The in-process emulator.</summary>
    Emulator,
}
