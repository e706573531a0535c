using System.Diagnostics.CodeAnalysis;

namespace NsmDashboard.Attestation;

/// <summary>
/// A decoded NSM attestation document: the COSE_Sign1 envelope (RFC 9052 §4.2) and every field of its payload
/// map (docs/attestation-document.md#payload), typed, with the exact bytes that were received.
/// </summary>
/// <remarks>
/// <para>Decoding checks structure only (CBOR types, framing, duplicates). Semantic rules — mandatory keys,
/// sizes, the digest name, the certificate chain, the signature — are the verifier's job, so a document with
/// a missing <c>module_id</c> or a 2000-byte nonce still decodes and the verifier can say precisely what is wrong.
/// Mandatory fields are therefore nullable: <see langword="null"/> when absent or sent as CBOR <c>null</c>
/// (<see cref="GetPresence"/> tells which).</para>
/// <para>Instances are immutable; the decoder copies its input once and every byte property is a slice of
/// <see cref="Encoded"/> (or of a joined copy when a field was sent as a chunked byte string).</para>
/// </remarks>
public sealed partial class AttestationDocument
{
    private readonly IReadOnlyList<string> _nullKeys;

    internal AttestationDocument(IReadOnlyList<string> payloadKeys, IReadOnlyList<string> nullKeys)
    {
        PayloadKeys = payloadKeys;
        _nullKeys = nullKeys;
    }

    /// <summary>The whole document exactly as received (COSE_Sign1, tagged or not).</summary>
    public ReadOnlyMemory<byte> Encoded { get; internal init; }

    /// <summary>Whether the envelope carried CBOR tag 18 (<c>d2</c>, COSE_Sign1). Real NSMs send it untagged.</summary>
    public bool IsTagged { get; internal init; }

    /// <summary>Whether the 4-element envelope array used the indefinite-length form (<c>9f … ff</c>).</summary>
    public bool IsEnvelopeIndefinite { get; internal init; }

    /// <summary>The content of the protected-header byte string, exactly as received (<c>a1 01 38 22</c> from real NSMs).</summary>
    public ReadOnlyMemory<byte> RawProtectedHeader { get; internal init; }

    /// <summary>
    /// The protected header's algorithm (label 1): -35 is ES384. <see langword="null"/> when the protected header
    /// has no algorithm or it is not an integer.
    /// </summary>
    public int? Algorithm { get; internal init; }

    /// <summary>The number of entries in the protected header map.</summary>
    public int ProtectedHeaderCount { get; internal init; }

    /// <summary>The encoded unprotected-header map, exactly as received (<c>a0</c> from real NSMs).</summary>
    public ReadOnlyMemory<byte> RawUnprotectedHeader { get; internal init; }

    /// <summary>The number of entries in the unprotected header map.</summary>
    public int UnprotectedHeaderCount { get; internal init; }

    /// <summary>The content of the payload byte string (the CBOR payload map), exactly as received.</summary>
    public ReadOnlyMemory<byte> RawPayload { get; internal init; }

    /// <summary>The content of the signature byte string: raw r‖s, 96 bytes for ES384.</summary>
    public ReadOnlyMemory<byte> Signature { get; internal init; }

    /// <summary>Whether the payload map used the indefinite-length form (<c>bf … ff</c>, seen since 2026) rather than <c>a9</c>.</summary>
    public bool IsPayloadMapIndefinite { get; internal init; }

    /// <summary>The payload map's keys in the order they were sent, including unknown ones.</summary>
    public IReadOnlyList<string> PayloadKeys { get; }

    /// <summary>Keys this decoder does not know (kept so a reviewer can see them; the verifier ignores them).</summary>
    public IReadOnlyList<string> UnknownKeys { get; internal init; } = [];

    /// <summary><c>module_id</c>; <see langword="null"/> when absent or null.</summary>
    public string? ModuleId { get; internal init; }

    /// <summary><c>digest</c> as sent (<c>SHA384</c> on real NSMs); <see langword="null"/> when absent or null.</summary>
    public string? Digest { get; internal init; }

    /// <summary><c>timestamp</c> in milliseconds since the Unix epoch, as sent; <see langword="null"/> when absent or null.</summary>
    public ulong? TimestampMilliseconds { get; internal init; }

    /// <summary>
    /// <c>timestamp</c> as a UTC time; <see langword="null"/> when absent, null, or too large for
    /// <see cref="DateTimeOffset"/> (see <see cref="TimestampMilliseconds"/> for the raw value).
    /// </summary>
    public DateTimeOffset? Timestamp { get; internal init; }

    /// <summary>
    /// <c>pcrs</c> (a Nitro Enclave document's PCRs), ordered by index; <see langword="null"/> when absent or null.
    /// A NitroTPM document has <see cref="NitroTpmPcrs"/> instead; <see cref="KindPcrs"/> gives whichever the kind has.
    /// </summary>
    public IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? Pcrs { get; internal init; }

    /// <summary>
    /// <c>nitrotpm_pcrs</c> (a NitroTPM document's PCRs: the TPM's SHA-384 bank), ordered by index;
    /// <see langword="null"/> when absent or null.
    /// </summary>
    public IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? NitroTpmPcrs { get; internal init; }

    /// <summary>
    /// The document's kind, decided from the payload: <see cref="AttestationDocumentKind.NitroEnclave"/> when it
    /// has the key <c>pcrs</c> and not <c>nitrotpm_pcrs</c>, <see cref="AttestationDocumentKind.NitroTpm"/> the other
    /// way round, and <see langword="null"/> when it has both or neither — no verifier can then say which PCRs, and
    /// which rules, apply, so verification fails (<see cref="AttestationCheckId.DocumentKind"/>).
    /// </summary>
    /// <remarks>A key sent as CBOR <c>null</c> still decides the kind; the mandatory-fields check then rejects it.</remarks>
    public AttestationDocumentKind? Kind =>
        (PayloadKeys.Contains(AttestationPayloadKeys.Pcrs), PayloadKeys.Contains(AttestationPayloadKeys.NitroTpmPcrs)) switch
        {
            (true, false) => AttestationDocumentKind.NitroEnclave,
            (false, true) => AttestationDocumentKind.NitroTpm,
            _ => null,
        };

    /// <summary>
    /// The PCR map of the document's <see cref="Kind"/>: <see cref="Pcrs"/> for an enclave, <see cref="NitroTpmPcrs"/>
    /// for a NitroTPM instance; <see langword="null"/> when the kind is undecided or the map is null. PCR indices
    /// mean different things in the two kinds (see <see cref="AttestationPcrMeanings"/>).
    /// </summary>
    public IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? KindPcrs => Kind switch
    {
        AttestationDocumentKind.NitroEnclave => Pcrs,
        AttestationDocumentKind.NitroTpm => NitroTpmPcrs,
        _ => null,
    };

    /// <summary><c>certificate</c>: the DER of the signing (leaf) certificate; <see langword="null"/> when absent or null.</summary>
    public ReadOnlyMemory<byte>? Certificate { get; internal init; }

    /// <summary><c>cabundle</c>: DER certificates, root first; <see langword="null"/> when absent or null.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? CaBundle { get; internal init; }

    /// <summary><c>public_key</c>: absent, null, empty or bytes.</summary>
    public OptionalBytes PublicKey { get; internal init; }

    /// <summary><c>user_data</c>: absent, null, empty or bytes.</summary>
    public OptionalBytes UserData { get; internal init; }

    /// <summary><c>nonce</c>: absent, null, empty or bytes.</summary>
    public OptionalBytes Nonce { get; internal init; }

    /// <summary>
    /// <see langword="true"/> when this is a Nitro Enclave document whose PCR0, PCR1 and PCR2 are all zero
    /// (<see cref="EnclaveDebugMode"/>): the enclave runs in debug mode, and they do not measure the image. Always
    /// <see langword="false"/> for a NitroTPM document: its PCR0 is firmware code and debug mode does not exist there.
    /// </summary>
    public bool IsDebugMode =>
        Kind == AttestationDocumentKind.NitroEnclave && Pcrs is { } pcrs && EnclaveDebugMode.IsIndicatedBy(pcrs);

    /// <summary>Decodes a document (COSE_Sign1, tagged or not). The bytes are copied.</summary>
    /// <exception cref="AttestationDecodeException">The bytes are not a well-formed attestation document.</exception>
    public static AttestationDocument Decode(ReadOnlySpan<byte> encoded) => AttestationDocumentDecoder.Decode(encoded.ToArray());

    /// <summary>Decodes a document without throwing.</summary>
    /// <param name="encoded">The COSE_Sign1 bytes (copied).</param>
    /// <param name="document">The document, when the bytes are well-formed.</param>
    /// <param name="error">What is wrong and where, otherwise.</param>
    public static bool TryDecode(
        ReadOnlySpan<byte> encoded,
        [NotNullWhen(true)] out AttestationDocument? document,
        [NotNullWhen(false)] out AttestationDecodeException? error)
    {
        try
        {
            document = Decode(encoded);
            error = null;
            return true;
        }
        catch (AttestationDecodeException e)
        {
            document = null;
            error = e;
            return false;
        }
    }

    /// <summary>Whether a payload key was sent, and whether as <c>null</c>.</summary>
    public AttestationFieldPresence GetPresence(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_nullKeys.Contains(key))
        {
            return AttestationFieldPresence.Null;
        }

        return PayloadKeys.Contains(key) ? AttestationFieldPresence.Present : AttestationFieldPresence.Absent;
    }
}
