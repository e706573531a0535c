using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// The payload of an attestation document (docs/attestation-document.md#payload) — a Nitro Enclave's or a NitroTPM
/// instance's (docs/nitrotpm.md) — and its raw structure. Hashes and small values are hex, certificates base64 DER.
/// </summary>
/// <param name="ModuleId">module_id.</param>
/// <param name="Digest">digest (<c>SHA384</c>).</param>
/// <param name="Timestamp">timestamp as UTC time.</param>
/// <param name="TimestampMilliseconds">timestamp as sent: milliseconds since the Unix epoch.</param>
/// <param name="IsDebugMode">Whether this is an enclave document whose PCR0, PCR1 and PCR2 are all zero: a debug-mode enclave, whose PCR0–2 do not measure the image.</param>
/// <param name="Pcrs">pcrs (a Nitro Enclave document): index → value (hex); only locked PCRs appear (docs/pcrs.md#attestation-pcrs). Null for a NitroTPM document.</param>
/// <param name="Certificate">certificate: the signing (leaf) certificate, base64 DER.</param>
/// <param name="CaBundle">cabundle: base64 DER certificates, root first.</param>
/// <param name="PublicKey">public_key as hex; null when absent or null.</param>
/// <param name="UserData">user_data as hex; null when absent or null.</param>
/// <param name="Nonce">nonce as hex; null when absent or null.</param>
/// <param name="UnknownKeys">Payload keys this decoder does not know (ignored by the verifier).</param>
/// <param name="Kind">
/// <c>NitroEnclave</c> (the payload has <c>pcrs</c>) or <c>NitroTpm</c> (it has <c>nitrotpm_pcrs</c>: EC2 instance
/// attestation); null when it has both or neither (verification then fails, <c>KindInvalid</c>).
/// </param>
/// <param name="NitroTpmPcrs">nitrotpm_pcrs (a NitroTPM document): the 24 PCRs of the TPM's SHA-384 bank, index → value (hex). Null for an enclave document.</param>
/// <param name="Structure">
/// The raw structure as received: tag 18 or not, definite or indefinite items, the keys in the order sent, each
/// item's CBOR type, head, length and byte offset, the signature as r‖s with its S form, the cabundle order and which
/// entry is a trusted root (docs/attestation-document.md#raw-structure).
/// </param>
public sealed record DecodedDocumentResponse(
    string? ModuleId,
    string? Digest,
    DateTimeOffset? Timestamp,
    ulong? TimestampMilliseconds,
    bool IsDebugMode,
    IReadOnlyDictionary<int, string>? Pcrs,
    string? Certificate,
    IReadOnlyList<string>? CaBundle,
    string? PublicKey,
    string? UserData,
    string? Nonce,
    IReadOnlyList<string> UnknownKeys,
    AttestationDocumentKind? Kind,
    IReadOnlyDictionary<int, string>? NitroTpmPcrs,
    AttestationStructure Structure)
{
    /// <summary>The response for a decoded document; the structure recognises AWS's root and <paramref name="trustRoot"/>.</summary>
    public static DecodedDocumentResponse From(AttestationDocument document, AttestationTrustRoot? trustRoot = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        AttestationTrustRoot[] roots = trustRoot is null || trustRoot.Kind == AttestationTrustRootKind.Aws
            ? [AttestationTrustRoot.Aws]
            : [AttestationTrustRoot.Aws, trustRoot];
        return new DecodedDocumentResponse(
            document.ModuleId,
            document.Digest,
            document.Timestamp,
            document.TimestampMilliseconds,
            document.IsDebugMode,
            document.Pcrs?.ToDictionary(p => p.Key, p => Convert.ToHexStringLower(p.Value.Span)),
            document.Certificate is { } certificate ? Convert.ToBase64String(certificate.Span) : null,
            document.CaBundle?.Select(c => Convert.ToBase64String(c.Span)).ToArray(),
            Hex(document.PublicKey),
            Hex(document.UserData),
            Hex(document.Nonce),
            document.UnknownKeys,
            document.Kind,
            document.NitroTpmPcrs?.ToDictionary(p => p.Key, p => Convert.ToHexStringLower(p.Value.Span)),
            AttestationStructure.Read(document, roots));
    }

    private static string? Hex(OptionalBytes field) =>
        field.TryGetBytes(out var bytes) ? Convert.ToHexStringLower(bytes.Span) : null;
}
