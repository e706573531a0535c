namespace NsmDashboard.Nsm.Emulator.Faults;

/// <summary>
/// How an injected fault shows at the byte seam (<see cref="FaultInjectingNsmTransport"/>): as the errno the Linux
/// driver would set, as an answer that does not decode, or as a slow answer.
/// </summary>
public enum NsmFaultKind
{
    /// <summary>
    /// <c>ioctl</c> fails with EIO, as when the driver cannot hand the request to the module (virtqueue kick failed);
    /// <see cref="NsmException.ErrorCode"/> InternalError, as the Rust driver maps it.
    /// </summary>
    Eio,

    /// <summary><c>ioctl</c> fails with ETIMEDOUT, as when the module does not answer within the driver's timeout.</summary>
    Etimedout,

    /// <summary><c>ioctl</c> fails with EINVAL, as when the driver rejects the call.</summary>
    Einval,

    /// <summary>The module's answer is cut short (a prefix of the real CBOR), so it does not decode.</summary>
    Truncated,

    /// <summary>The module's answer is replaced by bytes of the same length that are not CBOR.</summary>
    Garbage,

    /// <summary>The answer is correct but comes only after <see cref="NsmFaultRule.Delay"/>.</summary>
    Slow,
}
