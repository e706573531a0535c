namespace NsmDashboard.Nsm.Protocol;

/// <summary>Size limits of the NSM interface (docs/nsm-ioctl.md#sizes, docs/pcrs.md#bank).</summary>
public static class NsmLimits
{
    /// <summary><c>NSM_REQUEST_MAX_SIZE</c>: the largest CBOR request the driver accepts (EMSGSIZE above).</summary>
    public const int RequestMaxSize = 0x1000;

    /// <summary><c>NSM_RESPONSE_MAX_SIZE</c>: the driver's fixed response buffer; responses are clamped to it.</summary>
    public const int ResponseMaxSize = 0x3000;

    /// <summary>The number of PCRs a Nitro NSM has.</summary>
    public const int PcrCount = 32;

    /// <summary>
    /// PCRs 0 to this value minus one are measured at boot and locked from enclave start; it is also the first PCR
    /// an enclave can extend.
    /// </summary>
    public const int BootLockedPcrCount = 16;

    /// <summary>The length of a PCR on a real NSM: a SHA-384 value.</summary>
    public const int PcrLength = 48;

    /// <summary>The largest <c>user_data</c>, <c>nonce</c> or <c>public_key</c> in an attestation request.</summary>
    public const int AttestationFieldMaxSize = 1024;

    /// <summary>The number of bytes GetRandom returns.</summary>
    public const int RandomSize = 256;
}
