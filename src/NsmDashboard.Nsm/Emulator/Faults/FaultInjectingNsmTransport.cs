using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;
using static NsmDashboard.Nsm.Device.Interop.Errno;

namespace NsmDashboard.Nsm.Emulator.Faults;

/// <summary>
/// The emulator behind a failing "device": at the byte seam, so the client, the codec and everything above them
/// meet the failure exactly as they would meet it from <see cref="LinuxNsmTransport"/> — an
/// <see cref="NsmDeviceException"/> built by the same errno mapping (EIO, ETIMEDOUT, EINVAL), or response bytes that
/// do not decode (truncated, garbage), or an answer that comes late. What fails and when is decided per call by an
/// <see cref="NsmFaultSchedule"/> that can be changed while the app runs; with no rule in force every call goes
/// straight to the emulator. For emulator mode only: a real module is never wrapped.
/// </summary>
/// <remarks>
/// A fault in the <see cref="NsmFaultPhase.AfterDevice"/> phase lets the emulator act first: an ExtendPCR is applied
/// and only then is its answer lost or spoiled, which is the dangerous case for anything that records what the
/// module did. Requests the driver refuses before any call (over 4096 bytes, empty) are refused as usual, never
/// turned into another fault.
/// </remarks>
public sealed class FaultInjectingNsmTransport : INsmTransport
{
    private const string FaultyDevice = "emulated /dev/nsm";

    /// <summary>Wraps an emulator; the transport owns it from now on and disposes it.</summary>
    public FaultInjectingNsmTransport(NsmEmulator emulator, NsmFaultSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(schedule);
        Emulator = emulator;
        Schedule = schedule;
        schedule.Attach();
    }

    /// <summary>The emulator that answers when no fault strikes.</summary>
    public NsmEmulator Emulator { get; }

    /// <summary>The schedule deciding each call's fault.</summary>
    public NsmFaultSchedule Schedule { get; }

    /// <inheritdoc/>
    public NsmTransportKind Kind => NsmTransportKind.Emulator;

    /// <inheritdoc/>
    public string Description => $"{Emulator.Description}, fault injection on";

    /// <inheritdoc/>
    /// <exception cref="NsmDeviceException">An injected errno fault, or the emulator's own refusal of an oversized or empty request.</exception>
    public int Exchange(ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (request.IsEmpty || request.Length > NsmLimits.RequestMaxSize
            || Schedule.Next(OperationOf(request)) is not { } fault)
        {
            return Emulator.Exchange(request, response);
        }

        if (fault.Delay > TimeSpan.Zero)
        {
            // A blocking wait, as a slow ioctl blocks its caller.
            Thread.Sleep(fault.Delay);
        }

        if (fault.EffectivePhase == NsmFaultPhase.BeforeDevice)
        {
            return fault.Kind switch
            {
                NsmFaultKind.Slow => Emulator.Exchange(request, response),
                NsmFaultKind.Truncated or NsmFaultKind.Garbage => Spoil(fault.Kind, response, ProbableLength(response)),
                _ => throw ErrnoOf(fault.Kind),
            };
        }

        var length = Emulator.Exchange(request, response);
        return fault.Kind switch
        {
            NsmFaultKind.Slow => length,
            NsmFaultKind.Truncated or NsmFaultKind.Garbage => Spoil(fault.Kind, response, length),
            _ => throw LostAnswer(fault.Kind, response, length),
        };
    }

    /// <summary>Disposes the emulator.</summary>
    public void Dispose() => Emulator.Dispose();

    /// <inheritdoc/>
    public override string ToString() => Description;

    // The request's protocol name, for rules that name operations; "other" for bytes that are no request (the
    // emulator answers those with InvalidOperation).
    private static string OperationOf(ReadOnlySpan<byte> request)
    {
        try
        {
            return NsmCbor.DecodeRequest(request.ToArray()).Name;
        }
        catch (NsmProtocolException)
        {
            return "other";
        }
    }

    private static NsmDeviceException ErrnoOf(NsmFaultKind kind) => NsmDeviceErrors.Create(
        kind switch
        {
            NsmFaultKind.Eio => EIO,
            NsmFaultKind.Etimedout => ETIMEDOUT,
            _ => EINVAL,
        },
        NsmDeviceErrors.Ioctl,
        FaultyDevice);

    // The module answered, but the caller gets only the errno: the answer is wiped, as the driver never copies it.
    private static NsmDeviceException LostAnswer(NsmFaultKind kind, Span<byte> response, int length)
    {
        response[..length].Clear();
        return ErrnoOf(kind);
    }

    // A truncated answer is a strict prefix of one CBOR item, which never decodes (an item's length is in its head);
    // garbage starts with 0xff, a "break" that cannot begin a data item, and goes on with random bytes.
    private static int Spoil(NsmFaultKind kind, Span<byte> response, int length)
    {
        if (kind == NsmFaultKind.Truncated)
        {
            return length / 2;
        }

        length = Math.Max(length, 1);
        Random.Shared.NextBytes(response[..length]);
        response[0] = 0xff;
        return length;
    }

    // Garbage in place of an answer the module never gave: as long as a small answer.
    private static int ProbableLength(Span<byte> response) => Math.Min(response.Length, 64);
}
