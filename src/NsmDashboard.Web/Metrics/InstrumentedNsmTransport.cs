using System.Diagnostics;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// Wraps the real transport (device or emulator) at the byte seam and records each exchange in
/// <see cref="NsmMetrics"/>: the operation and the result are read from the request and response bytes
/// (<see cref="NsmMessageNames"/>), a device failure is labelled with its errno name (and reported to
/// <see cref="NsmHealth"/>, so <c>/healthz</c> shows it without asking the NSM itself). It changes nothing else:
/// same bytes, same exceptions, same <see cref="Kind"/> and <see cref="Description"/>.
/// </summary>
/// <remarks>It does not own the inner transport: the container that created that one disposes it.</remarks>
public sealed class InstrumentedNsmTransport(INsmTransport inner, NsmMetrics metrics, NsmHealth? health = null) : INsmTransport
{
    /// <summary>The wrapped transport.</summary>
    public INsmTransport Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc/>
    public NsmTransportKind Kind => Inner.Kind;

    /// <inheritdoc/>
    public string Description => Inner.Description;

    /// <inheritdoc/>
    public int Exchange(ReadOnlySpan<byte> request, Span<byte> response)
    {
        var operation = NsmMessageNames.Operation(request);
        var start = Stopwatch.GetTimestamp();
        int length;
        try
        {
            length = Inner.Exchange(request, response);
        }
        catch (NsmException ex)
        {
            // A failed system call is labelled with its errno (ENODEV, EMSGSIZE, …); what the transport refuses
            // without one (errno 0: an oversized or empty request, an answer too large for the buffer) with its
            // ErrorCode, as is anything else it throws.
            metrics.Record(operation, ex is NsmDeviceException { Errno: not 0 } device ? device.ErrnoName : ex.ErrorCode.ToString(), start);
            health?.ReportFailure(ex);
            throw;
        }

        metrics.Record(operation, NsmMessageNames.Result(response[..Math.Clamp(length, 0, response.Length)]), start);
        return length;
    }

    /// <summary>Does nothing: the inner transport belongs to whoever created it.</summary>
    public void Dispose()
    {
    }
}
