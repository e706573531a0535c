using System.Formats.Cbor;

namespace NsmDashboard.Attestation;

/// <summary>
/// Decodes an attestation document: the COSE_Sign1 envelope (RFC 9052 §4.2, docs/attestation-document.md#cose-sign1), its
/// protected header, and the payload map (docs/attestation-document.md#payload). Every CBOR failure becomes one
/// <see cref="AttestationDecodeException"/> naming the offset and field path; nothing else escapes.
/// </summary>
/// <remarks>
/// Accepted framings: tagged (18) or untagged; definite or indefinite-length arrays and maps; byte and text
/// strings definite or chunked; integers in any width. Rejected: anything but 4 elements, wrong types,
/// truncation, trailing bytes, duplicate keys (RFC 9052 §3 also forbids a label in both header buckets).
/// </remarks>
internal sealed partial class AttestationDocumentDecoder
{
    /// <summary>CBOR tag 18: COSE_Sign1 (RFC 9052 §2, Table 1).</summary>
    private const ulong CoseSign1Tag = 18;

    private readonly ReadOnlyMemory<byte> _encoded;

    // The cursor being read; on a CBOR failure its offset and path locate the error.
    private CborCursor _current;

    private AttestationDocumentDecoder(ReadOnlyMemory<byte> encoded)
    {
        _encoded = encoded;
        _current = new CborCursor(encoded, 0, "$");
    }

    /// <summary>Decodes <paramref name="encoded"/>, which the caller must not change afterwards.</summary>
    /// <exception cref="AttestationDecodeException">The bytes are not a well-formed attestation document.</exception>
    public static AttestationDocument Decode(ReadOnlyMemory<byte> encoded)
    {
        var decoder = new AttestationDocumentDecoder(encoded);
        try
        {
            return decoder.DecodeEnvelope();
        }
        catch (Exception e) when (CborCursor.IsCborFailure(e))
        {
            throw new AttestationDecodeException(CborCursor.Describe(e), decoder._current.Offset, decoder._current.Path, e);
        }
    }

    private AttestationDocument DecodeEnvelope()
    {
        var envelope = _current;
        if (_encoded.IsEmpty)
        {
            throw envelope.Fail("the document is empty");
        }

        var tagged = false;
        if (envelope.Peek() == CborReaderState.Tag)
        {
            var tag = (ulong)envelope.Reader.ReadTag();
            if (tag != CoseSign1Tag)
            {
                throw envelope.Fail($"tag {tag} is not COSE_Sign1 (18)");
            }

            tagged = true;
        }

        envelope.Expect(CborReaderState.StartArray, "a COSE_Sign1 array");
        var arrayOffset = envelope.Offset;
        var length = envelope.Reader.ReadStartArray();
        if (length is { } count && count != 4)
        {
            throw envelope.FailAt(arrayOffset, $"COSE_Sign1 has {count} elements, not 4");
        }

        envelope.Path = "protected";
        var rawProtected = envelope.ReadBytes(out var protectedOffset);
        var header = DecodeProtectedHeader(rawProtected, protectedOffset);

        envelope.Path = "unprotected";
        var unprotectedStart = envelope.Offset;
        var unprotectedCount = ReadUnprotectedHeader(envelope, header.Labels);
        var rawUnprotected = _encoded[unprotectedStart..envelope.Offset];

        envelope.Path = "payload";
        if (envelope.Peek() == CborReaderState.Null)
        {
            throw envelope.Fail("the payload is detached (null); an attestation document embeds it");
        }

        var rawPayload = envelope.ReadBytes(out var payloadOffset);

        envelope.Path = "signature";
        var signature = envelope.ReadBytes();

        envelope.Path = "$";
        if (length is null && envelope.Peek() != CborReaderState.EndArray)
        {
            throw envelope.Fail("COSE_Sign1 has more than 4 elements");
        }

        envelope.Reader.ReadEndArray();
        if (envelope.Reader.BytesRemaining != 0)
        {
            throw envelope.Fail($"{envelope.Reader.BytesRemaining} trailing bytes after the COSE_Sign1");
        }

        var payload = DecodePayload(rawPayload, payloadOffset);
        return new AttestationDocument(payload.Keys, payload.NullKeys)
        {
            Encoded = _encoded,
            IsTagged = tagged,
            IsEnvelopeIndefinite = length is null,
            RawProtectedHeader = rawProtected,
            Algorithm = header.Algorithm,
            ProtectedHeaderCount = header.Labels.Count,
            RawUnprotectedHeader = rawUnprotected,
            UnprotectedHeaderCount = unprotectedCount,
            RawPayload = rawPayload,
            Signature = signature,
            IsPayloadMapIndefinite = payload.Indefinite,
            UnknownKeys = payload.UnknownKeys,
            ModuleId = payload.ModuleId,
            Digest = payload.Digest,
            TimestampMilliseconds = payload.TimestampMilliseconds,
            Timestamp = payload.Timestamp,
            Pcrs = payload.Pcrs,
            NitroTpmPcrs = payload.NitroTpmPcrs,
            Certificate = payload.Certificate,
            CaBundle = payload.CaBundle,
            PublicKey = payload.PublicKey,
            UserData = payload.UserData,
            Nonce = payload.Nonce,
        };
    }
}
