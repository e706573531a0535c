using System.Text.Json.Serialization;

namespace NsmDashboard.Attestation;

/// <summary>
/// What produced an attestation document. Both kinds are the same COSE_Sign1 / ES384 envelope signed by the
/// same AWS PKI up to the same root; they differ in the PCR map of the payload and in what those PCRs measure.
/// The kind is decided from the payload alone (<see cref="AttestationDocument.Kind"/>), never from the caller.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttestationDocumentKind>))]
public enum AttestationDocumentKind
{
    /// <summary>
    /// A Nitro Enclave's NSM: the payload carries <c>pcrs</c> (up to 32 PCRs; 0–4 and 8 measure the image and its
    /// parent, 16–31 are free for the application) and <c>module_id</c> ends in <c>-enc</c> and 16 hex digits.
    /// </summary>
    NitroEnclave,

    /// <summary>
    /// An EC2 instance attesting itself through its NitroTPM (<c>nitro-tpm-attest</c>): the payload carries
    /// <c>nitrotpm_pcrs</c> (the 24 PCRs of the TPM's SHA-384 bank, with TPM 2.0 / UEFI meanings) and
    /// <c>module_id</c> ends in <c>-tpm</c> and 16 hex digits.
    /// </summary>
    NitroTpm,
}
