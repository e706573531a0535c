using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm;

/// <summary>
/// The NSM answered a request with <c>{"Error": …}</c>, or the client could not get a usable answer.
/// <see cref="ErrorCode"/> says which; subclasses add the device errno or the protocol position.
/// </summary>
public class NsmException : Exception
{
    /// <summary>Creates an exception for an NSM error code.</summary>
    public NsmException(NsmErrorCode errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Creates an exception for an <c>Error</c> response from the NSM.</summary>
    public NsmException(NsmErrorCode errorCode)
        : this(errorCode, $"The NSM answered Error({errorCode}): {Describe(errorCode)}")
    {
        AnsweredByModule = true;
    }

    /// <summary>
    /// Whether the module itself answered <c>{"Error": …}</c>: the request reached it and it refused, so nothing changed.
    /// False for failures on the way (a device errno, an answer that could not be decoded or did not fit), after which
    /// a mutation may or may not have been applied.
    /// </summary>
    public bool AnsweredByModule { get; }

    /// <summary>The NSM error code (from the device, or the nearest code for a client-side failure).</summary>
    public NsmErrorCode ErrorCode { get; }

    /// <summary>A short explanation of an error code for people reading logs and pages.</summary>
    public static string Describe(NsmErrorCode code) => code switch
    {
        NsmErrorCode.Success => "no error",
        NsmErrorCode.InvalidArgument => "an argument was invalid",
        NsmErrorCode.InvalidIndex => "the PCR index is out of range",
        NsmErrorCode.InvalidResponse => "the response does not match the request",
        NsmErrorCode.ReadOnlyIndex => "the PCR is locked (read-only for the life of the enclave)",
        NsmErrorCode.InvalidOperation => "the request is unknown, malformed or not permitted",
        NsmErrorCode.BufferTooSmall => "the output buffer is too small",
        NsmErrorCode.InputTooLarge => "the input is too large",
        NsmErrorCode.InternalError => "the NSM failed internally",
        _ => "unknown error code",
    };
}

/// <summary>
/// The device could not be opened or the ioctl failed: the request never got an NSM answer.
/// Keeps the errno; <see cref="NsmException.ErrorCode"/> follows the Rust driver
/// (EMSGSIZE → InputTooLarge, anything else → InternalError).
/// </summary>
public sealed class NsmDeviceException : NsmException
{
    /// <summary>Creates a device exception.</summary>
    public NsmDeviceException(NsmErrorCode errorCode, int errno, string errnoName, string operation, string message)
        : base(errorCode, message)
    {
        Errno = errno;
        ErrnoName = errnoName;
        Operation = operation;
    }

    /// <summary>The errno the system call set (0 when the failure was detected before any call).</summary>
    public int Errno { get; }

    /// <summary>The symbolic errno name (<c>EMSGSIZE</c>, <c>ENOENT</c>, …).</summary>
    public string ErrnoName { get; }

    /// <summary>What failed: <c>open</c> or <c>ioctl</c>.</summary>
    public string Operation { get; }
}

/// <summary>
/// CBOR that does not follow the protocol: wrong types, truncation, trailing bytes, values out of range,
/// or a response of the wrong variant. <see cref="Offset"/> says where in the input it went wrong.
/// </summary>
public sealed class NsmProtocolException : NsmException
{
    /// <summary>Creates a protocol exception.</summary>
    public NsmProtocolException(string message, int offset, Exception? innerException = null)
        : base(NsmErrorCode.InvalidResponse, message, innerException)
    {
        Offset = offset;
    }

    /// <summary>The byte offset in the CBOR input at which the problem was found.</summary>
    public int Offset { get; }
}
