using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.TestSupport;

/// <summary>The emulator's answers presented as if they came from /dev/nsm: for tests of device mode.</summary>
public sealed class DeviceLikeTransport(INsmTransport inner) : INsmTransport
{
    public NsmTransportKind Kind => NsmTransportKind.Device;

    public string Description => "/dev/nsm";

    public int Exchange(ReadOnlySpan<byte> request, Span<byte> response) => inner.Exchange(request, response);

    public void Dispose()
    {
    }
}

/// <summary>
/// A device whose ioctl always fails with one errno, as a removed or broken driver would; <paramref name="errorCode"/>
/// is the NSM error the transport maps that errno to (InternalError unless a test says otherwise, e.g. InputTooLarge
/// for EMSGSIZE).
/// </summary>
public sealed class FailingDeviceTransport(int errno, string errnoName, NsmErrorCode errorCode = NsmErrorCode.InternalError) : INsmTransport
{
    public NsmTransportKind Kind => NsmTransportKind.Device;

    public string Description => "/dev/nsm";

    public int Exchange(ReadOnlySpan<byte> request, Span<byte> response) =>
        throw new NsmDeviceException(errorCode, errno, errnoName, "ioctl", $"ioctl on /dev/nsm failed: {errnoName}.");

    public void Dispose()
    {
    }
}

/// <summary>A module that answers every request with the same bytes (garbage, or an Error response).</summary>
public sealed class FixedAnswerTransport(byte[] answer) : INsmTransport
{
    public NsmTransportKind Kind => NsmTransportKind.Device;

    public string Description => "/dev/nsm";

    public int Exchange(ReadOnlySpan<byte> request, Span<byte> response)
    {
        answer.CopyTo(response);
        return answer.Length;
    }

    public void Dispose()
    {
    }
}

/// <summary>Another transport's answers, counting the exchanges (how often the NSM was asked).</summary>
public sealed class CountingTransport(INsmTransport inner) : INsmTransport
{
    private int _exchanges;

    public int Exchanges => Volatile.Read(ref _exchanges);

    public NsmTransportKind Kind => inner.Kind;

    public string Description => inner.Description;

    public int Exchange(ReadOnlySpan<byte> request, Span<byte> response)
    {
        Interlocked.Increment(ref _exchanges);
        return inner.Exchange(request, response);
    }

    public void Dispose() => inner.Dispose();
}
