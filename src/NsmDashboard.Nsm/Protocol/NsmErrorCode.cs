namespace NsmDashboard.Nsm.Protocol;

/// <summary>
/// The NSM's error codes, in the order of <c>aws_nitro_enclaves_nsm_api::api::ErrorCode</c>
/// (docs/nsm-messages.md#error-codes). On the wire each is the text of its name inside <c>{"Error": …}</c>.
/// </summary>
public enum NsmErrorCode
{
    /// <summary>No error. Produced by client libraries (the C ABI's return value), never by the device.</summary>
    Success = 0,

    /// <summary>The input argument(s) were invalid.</summary>
    InvalidArgument = 1,

    /// <summary>The PCR index is out of bounds (≥ max_pcrs).</summary>
    InvalidIndex = 2,

    /// <summary>The response does not match the request; raised by clients, not the device.</summary>
    InvalidResponse = 3,

    /// <summary>The PCR is read-only (locked).</summary>
    ReadOnlyIndex = 4,

    /// <summary>A capability is missing, or the request is unknown or unparsable.</summary>
    InvalidOperation = 5,

    /// <summary>An output buffer is too small (C ABI only).</summary>
    BufferTooSmall = 6,

    /// <summary>The user input is too large (a request over 4096 bytes, an attestation field over 1024).</summary>
    InputTooLarge = 7,

    /// <summary>The NSM failed internally.</summary>
    InternalError = 8,
}
