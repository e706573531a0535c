using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>The payload of an attestation document (docs/attestation-document.md#payload). Hashes and small values are hex, certificates base64 DER.</summary>
/// <param name="ModuleId">module_id.</param>
/// <param name="Digest">digest (<c>SHA384</c>).</param>
/// <param name="Timestamp">timestamp as UTC time.</param>
/// <param name="TimestampMilliseconds">timestamp as sent: milliseconds since the Unix epoch.</param>
/// <param name="IsDebugMode">Whether PCR0, PCR1 and PCR2 are all zero: a debug-mode enclave, whose PCR0–2 do not measure the image.</param>
/// <param name="Pcrs">pcrs: index → value (hex); only locked PCRs appear (docs/pcrs.md#attestation-pcrs).</param>
/// <param name="Certificate">certificate: the signing (leaf) certificate, base64 DER.</param>
/// <param name="CaBundle">cabundle: base64 DER certificates, root first.</param>
/// <param name="PublicKey">public_key as hex; null when absent or null.</param>
/// <param name="UserData">user_data as hex; null when absent or null.</param>
/// <param name="Nonce">nonce as hex; null when absent or null.</param>
/// <param name="UnknownKeys">Payload keys this decoder does not know (ignored by the verifier).</param>
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
    IReadOnlyList<string> UnknownKeys)
{
    /// <summary>The response for a decoded document.</summary>
    public static DecodedDocumentResponse From(AttestationDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
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
            document.UnknownKeys);
    }

    private static string? Hex(OptionalBytes field) =>
        field.TryGetBytes(out var bytes) ? Convert.ToHexStringLower(bytes.Span) : null;
}
