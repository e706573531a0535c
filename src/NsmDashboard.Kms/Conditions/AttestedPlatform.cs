namespace NsmDashboard.Kms;

/// <summary>
/// What produced an attestation document, as far as KMS is concerned: each platform has its own condition keys,
/// and a key of one platform is never in the request context of a document of the other.
/// </summary>
public enum AttestedPlatform
{
    /// <summary>
    /// A Nitro Enclave (<c>pcrs</c>, 32 registers): <c>kms:RecipientAttestation:ImageSha384</c> and
    /// <c>kms:RecipientAttestation:PCR0</c>…<c>PCR31</c>
    /// (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-nitro-enclave.html).
    /// </summary>
    NitroEnclave,

    /// <summary>
    /// An EC2 instance attesting through its NitroTPM (<c>nitrotpm_pcrs</c>, 24 registers):
    /// <c>kms:RecipientAttestation:NitroTPMPCR0</c>…<c>NitroTPMPCR23</c>
    /// (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-nitro-tpm.html).
    /// </summary>
    NitroTpm,
}
