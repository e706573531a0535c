using System.Buffers.Binary;
using System.Formats.Cbor;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// Builds attestation documents framed exactly like real NSM ones (docs/attestation-document.md#cose-sign1, #payload): an untagged
/// COSE_Sign1 <c>[h'a1013822', {}, payload, signature]</c> whose first bytes are <c>84 44 a1 01 38 22 a0 59</c>,
/// the payload map in the real key order with an 8-byte timestamp, signed ES384 (raw r‖s, 96 bytes) by the
/// emulator CA's leaf.
/// </summary>
internal sealed class AttestationDocumentSigner
{
    /// <summary>The protected header bstr contents: <c>{1: -35}</c> (alg = ES384), as real documents carry it.</summary>
    internal static readonly byte[] ProtectedHeader = [0xa1, 0x01, 0x38, 0x22];

    private const int PayloadEntries = 9;

    private readonly EmulatorCertificateAuthority _authority;
    private readonly bool _indefiniteLengthPayload;

    /// <summary>Creates a signer that uses <paramref name="authority"/>'s current leaf.</summary>
    /// <param name="authority">The emulator's CA.</param>
    /// <param name="indefiniteLengthPayload">Write the payload map as <c>bf … ff</c> (AWS since 2026) instead of <c>a9</c>.</param>
    public AttestationDocumentSigner(EmulatorCertificateAuthority authority, bool indefiniteLengthPayload)
    {
        _authority = authority;
        _indefiniteLengthPayload = indefiniteLengthPayload;
    }

    /// <summary>Builds and signs one document.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="now">The document time; also picks (or renews) the signing leaf.</param>
    /// <param name="lockedPcrs">The locked PCRs, ascending (the <c>pcrs</c> map holds only these, docs/pcrs.md#attestation-pcrs).</param>
    /// <param name="publicKey">The caller's public key, or null.</param>
    /// <param name="userData">The caller's user data, or null.</param>
    /// <param name="nonce">The caller's nonce, or null.</param>
    /// <returns>The COSE_Sign1 document bytes.</returns>
    public byte[] CreateDocument(
        string moduleId,
        DateTimeOffset now,
        IReadOnlyList<KeyValuePair<int, byte[]>> lockedPcrs,
        ReadOnlyMemory<byte>? publicKey,
        ReadOnlyMemory<byte>? userData,
        ReadOnlyMemory<byte>? nonce)
    {
        var chain = _authority.GetSigningChain(now);
        var payload = WritePayload(moduleId, now, lockedPcrs, chain, publicKey, userData, nonce);
        var signature = chain.Sign(SigStructure(payload));
        return WriteCoseSign1(payload, signature);
    }

    /// <summary>
    /// The COSE Sig_structure for Sign1 (RFC 9052 §4.4): <c>["Signature1", protected, h'', payload]</c>,
    /// i.e. <c>84 6a "Signature1" 44 a1013822 40 59 LLLL payload</c>.
    /// </summary>
    internal static byte[] SigStructure(ReadOnlySpan<byte> payload)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartArray(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(ProtectedHeader);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    private byte[] WritePayload(
        string moduleId,
        DateTimeOffset now,
        IReadOnlyList<KeyValuePair<int, byte[]>> lockedPcrs,
        SigningChain chain,
        ReadOnlyMemory<byte>? publicKey,
        ReadOnlyMemory<byte>? userData,
        ReadOnlyMemory<byte>? nonce)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartMap(_indefiniteLengthPayload ? null : PayloadEntries);

        // Real key order (docs/attestation-document.md#payload): module_id, digest, timestamp, pcrs, certificate, cabundle, public_key, user_data, nonce.
        writer.WriteTextString("module_id");
        writer.WriteTextString(moduleId);
        writer.WriteTextString("digest");
        writer.WriteTextString("SHA384");
        writer.WriteTextString("timestamp");
        writer.WriteEncodedValue(EightByteUInt(checked((ulong)now.ToUnixTimeMilliseconds())));

        writer.WriteTextString("pcrs");
        writer.WriteStartMap(lockedPcrs.Count);
        foreach (var (index, value) in lockedPcrs)
        {
            writer.WriteUInt32((uint)index);
            writer.WriteByteString(value);
        }

        writer.WriteEndMap();

        writer.WriteTextString("certificate");
        writer.WriteByteString(chain.LeafCertificate.Span);
        writer.WriteTextString("cabundle");
        writer.WriteStartArray(chain.CaBundle.Count);
        foreach (var certificate in chain.CaBundle)
        {
            writer.WriteByteString(certificate);
        }

        writer.WriteEndArray();

        // Absent optionals are present as null, as real documents and serde write them (docs/attestation-document.md#payload).
        WriteOptional(writer, "public_key", publicKey);
        WriteOptional(writer, "user_data", userData);
        WriteOptional(writer, "nonce", nonce);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static byte[] WriteCoseSign1(byte[] payload, byte[] signature)
    {
        // Untagged (no d2), as the NSM emits it (docs/attestation-document.md#cose-sign1).
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartArray(4);
        writer.WriteByteString(ProtectedHeader);
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteByteString(payload);
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }

    // Real NSM always writes the timestamp as major type 0 with an 8-byte argument (1b + big-endian u64).
    // CborWriter picks the shortest form, which is 1b only from 2^32 ms (1970-02-19): the exact bytes are
    // written so the framing never depends on the clock (a test clock may well sit near the epoch).
    private static byte[] EightByteUInt(ulong value)
    {
        var encoded = new byte[9];
        encoded[0] = 0x1b;
        BinaryPrimitives.WriteUInt64BigEndian(encoded.AsSpan(1), value);
        return encoded;
    }

    private static void WriteOptional(CborWriter writer, string key, ReadOnlyMemory<byte>? value)
    {
        writer.WriteTextString(key);
        if (value is { } bytes)
        {
            writer.WriteByteString(bytes.Span);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
