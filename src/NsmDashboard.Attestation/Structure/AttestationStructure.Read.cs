using System.Formats.Cbor;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

public sealed partial class AttestationStructure
{
    /// <summary>Half the order n of P-384 (FIPS 186-4 D.1.2.4): an s above it is high-S.</summary>
    private static readonly BigInteger P384HalfOrder = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        NumberStyles.HexNumber,
        CultureInfo.InvariantCulture) >> 1;

    /// <summary>Reads the structure of a decoded document.</summary>
    /// <param name="document">The document (its bytes as received).</param>
    /// <param name="trustedRoots">Roots to recognise in the cabundle; default: the AWS Nitro Enclaves root.</param>
    public static AttestationStructure Read(AttestationDocument document, IEnumerable<AttestationTrustRoot>? trustedRoots = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var roots = trustedRoots?.ToArray() ?? [AttestationTrustRoot.Aws];
        var walker = new Walker(document.Encoded);
        try
        {
            return walker.ReadEnvelope(document, roots);
        }
        catch (Exception e) when (CborCursor.IsCborFailure(e))
        {
            // The decoder accepted these bytes, so this is a bug of ours, reported where it happened.
            throw new AttestationDecodeException($"the structure could not be read: {CborCursor.Describe(e)}", walker.Position, "$", e);
        }
    }

    /// <summary>Walks the bytes; <see cref="Position"/> is the offset being read (for errors).</summary>
    private sealed class Walker(ReadOnlyMemory<byte> encoded)
    {
        private readonly List<string> _nonShortest = [];

        public int Position { get; private set; }

        public AttestationStructure ReadEnvelope(AttestationDocument document, AttestationTrustRoot[] roots)
        {
            var data = encoded;
            CborItemInfo? tag = null;
            var offset = 0;
            if (Head(data, 0).MajorType == CborMajorType.Tag)
            {
                tag = Item(data, 0, 0, "$tag", skipContent: false);
                offset = tag.HeadLength;
            }

            var envelope = Item(data, offset, 0, "$", skipContent: true);
            offset += envelope.HeadLength;

            var protectedItem = Item(data, offset, 0, "protected", skipContent: true);
            var protectedEntries = HeaderEntries(document.RawProtectedHeader, protectedItem.Indefinite ? 0 : offset + protectedItem.HeadLength, "protected");
            offset += protectedItem.EncodedLength;

            var unprotected = Item(data, offset, 0, "unprotected", skipContent: true);
            var unprotectedEntries = HeaderEntries(data.Slice(offset, unprotected.EncodedLength), offset, "unprotected", isMap: true);
            offset += unprotected.EncodedLength;

            var payload = Item(data, offset, 0, "payload", skipContent: true);
            var joined = payload.Indefinite;
            var payloadBase = joined ? 0 : offset + payload.HeadLength;
            offset += payload.EncodedLength;

            var signature = Item(data, offset, 0, "signature", skipContent: true);
            var (map, fields) = PayloadFields(document.RawPayload, payloadBase);
            var bundle = CaBundleEntries(document, roots);

            return new AttestationStructure
            {
                Length = data.Length,
                Tagged = tag is not null,
                Tag = tag,
                Envelope = envelope,
                ProtectedHeader = protectedItem,
                ProtectedHeaderEntries = protectedEntries,
                UnprotectedHeader = unprotected,
                UnprotectedHeaderEntries = unprotectedEntries,
                Payload = payload,
                PayloadOffsetsAreJoined = joined,
                PayloadMap = map,
                Fields = fields,
                KeysInDeterministicOrder = IsDeterministicOrder(fields.Select(f => document.RawPayload.Slice(f.KeyItem.Offset - payloadBase, f.KeyItem.EncodedLength)).ToArray()),
                NonShortestHeads = _nonShortest,
                Signature = SignatureOf(document.Signature.Span, signature),
                CaBundle = bundle,
                RootIndex = bundle.FirstOrDefault(e => e.TrustedRoot is not null)?.Index,
            };
        }

        /// <summary>The entries of a header map held in <paramref name="content"/>, which starts at <paramref name="baseOffset"/>.</summary>
        private List<StructureHeaderEntry> HeaderEntries(ReadOnlyMemory<byte> content, int baseOffset, string path, bool isMap = false)
        {
            var entries = new List<StructureHeaderEntry>();
            if (content.IsEmpty)
            {
                return entries;
            }

            var map = Head(content, 0);
            if (!isMap)
            {
                // The map inside the protected byte string is an item of its own; the unprotected map was read already.
                Item(content, 0, baseOffset, path + ".map", skipContent: false);
            }

            var offset = map.Length;
            for (var i = 0; map.Indefinite ? content.Span[offset] != 0xff : (ulong)i < map.Argument; i++)
            {
                var labelHead = Head(content, offset);
                var label = labelHead.MajorType switch
                {
                    CborMajorType.UnsignedInteger => labelHead.Argument.ToString(CultureInfo.InvariantCulture),
                    CborMajorType.NegativeInteger => "-" + (labelHead.Argument + 1).ToString(CultureInfo.InvariantCulture),
                    _ => "\"" + new CborReader(content[offset..], CborConformanceMode.Lax, allowMultipleRootLevelValues: true).ReadTextString() + "\"",
                };
                var labelLength = Length(content, offset);
                offset += labelLength;
                var value = Item(content, offset, baseOffset, $"{path}[{label}]", skipContent: true);
                entries.Add(new(label, Describe(content.Slice(offset, value.EncodedLength), label), value));
                offset += value.EncodedLength;
            }

            return entries;
        }

        private (CborItemInfo Map, List<StructureField> Fields) PayloadFields(ReadOnlyMemory<byte> payload, int baseOffset)
        {
            var map = Item(payload, 0, baseOffset, "payload.map", skipContent: false);
            var fields = new List<StructureField>();
            var offset = map.HeadLength;
            var head = Head(payload, 0);
            for (var i = 0; head.Indefinite ? payload.Span[offset] != 0xff : (ulong)i < head.Argument; i++)
            {
                var keyItem = Item(payload, offset, baseOffset, "payload.key", skipContent: true);
                var key = new CborReader(payload[offset..], CborConformanceMode.Lax, allowMultipleRootLevelValues: true).ReadTextString();
                offset += keyItem.EncodedLength;
                var value = Item(payload, offset, baseOffset, "payload." + key, skipContent: true);
                fields.Add(new(key, AttestationPayloadKeys.IsKnown(key), keyItem, value, Elements(payload, offset, baseOffset, "payload." + key)));
                offset += value.EncodedLength;
            }

            return (map with { EncodedLength = payload.Length }, fields);
        }

        /// <summary>The elements of an array, or the values of a map, with their keys as labels.</summary>
        private List<StructureElement> Elements(ReadOnlyMemory<byte> data, int offset, int baseOffset, string path)
        {
            var head = Head(data, offset);
            var elements = new List<StructureElement>();
            if (head.MajorType is not (CborMajorType.Array or CborMajorType.Map))
            {
                return elements;
            }

            var position = offset + head.Length;
            for (var i = 0; head.Indefinite ? data.Span[position] != 0xff : (ulong)i < head.Argument; i++)
            {
                var label = $"[{i}]";
                if (head.MajorType == CborMajorType.Map)
                {
                    var keyHead = Head(data, position);
                    label = keyHead.MajorType == CborMajorType.UnsignedInteger ? keyHead.Argument.ToString(CultureInfo.InvariantCulture) : $"key {i}";
                    Item(data, position, baseOffset, $"{path}.key[{i}]", skipContent: true);
                    position += Length(data, position);
                }

                var item = Item(data, position, baseOffset, $"{path}[{label.Trim('[', ']')}]", skipContent: true);
                elements.Add(new(label, item));
                position += item.EncodedLength;
            }

            return elements;
        }

        private static List<StructureCaBundleEntry> CaBundleEntries(AttestationDocument document, AttestationTrustRoot[] roots)
        {
            var entries = new List<StructureCaBundleEntry>();
            if (document.CaBundle is not { } bundle)
            {
                return entries;
            }

            for (var i = 0; i < bundle.Count; i++)
            {
                var der = bundle[i];
                string? subject = null;
                string? issuer = null;
                try
                {
                    using var certificate = X509CertificateLoader.LoadCertificate(der.Span);
                    subject = certificate.Subject;
                    issuer = certificate.Issuer;
                }
                catch (CryptographicException)
                {
                    // Not a certificate: the entry is still listed by length and hash; verify says what is wrong.
                }

                var trusted = roots.FirstOrDefault(r => r.Matches(der.Span));
                entries.Add(new(
                    i,
                    der.Length,
                    Convert.ToHexStringLower(SHA256.HashData(der.Span)),
                    subject,
                    issuer,
                    subject is not null && subject == issuer,
                    trusted?.Name));
            }

            return entries;
        }

        private static StructureSignature SignatureOf(ReadOnlySpan<byte> signature, CborItemInfo item)
        {
            if (signature.Length != 96)
            {
                return new(signature.Length, null, null, null, item);
            }

            var s = new BigInteger(signature[48..], isUnsigned: true, isBigEndian: true);
            return new(96, Convert.ToHexStringLower(signature[..48]), Convert.ToHexStringLower(signature[48..]), s > P384HalfOrder, item);
        }

        /// <summary>RFC 8949 §4.2.1: keys sorted by the bytewise lexicographic order of their deterministic encodings.</summary>
        private static bool IsDeterministicOrder(ReadOnlyMemory<byte>[] keys)
        {
            for (var i = 1; i < keys.Length; i++)
            {
                if (keys[i - 1].Span.SequenceCompareTo(keys[i].Span) >= 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static string Describe(ReadOnlyMemory<byte> value, string label)
        {
            var reader = new CborReader(value, CborConformanceMode.Lax);
            switch (reader.PeekState())
            {
                case CborReaderState.NegativeInteger or CborReaderState.UnsignedInteger:
                    try
                    {
                        var number = reader.ReadInt64();
                        return number.ToString(CultureInfo.InvariantCulture) + (label == "1" ? AlgorithmName(number) : string.Empty);
                    }
                    catch (OverflowException)
                    {
                        return Convert.ToHexStringLower(value.Span);
                    }

                case CborReaderState.TextString:
                    return "\"" + reader.ReadTextString() + "\"";
                default:
                    return Convert.ToHexStringLower(value.Span);
            }
        }

        private static string AlgorithmName(long alg) => alg switch
        {
            -7 => " (ES256)",
            -35 => " (ES384)",
            -36 => " (ES512)",
            -8 => " (EdDSA)",
            _ => string.Empty,
        };

        private CborItemInfo Item(ReadOnlyMemory<byte> data, int offset, int baseOffset, string path, bool skipContent)
        {
            Position = baseOffset + offset;
            var head = Head(data, offset);
            var encodedLength = skipContent ? Length(data, offset) : head.Length;
            if (!head.IsShortest)
            {
                _nonShortest.Add(path);
            }

            return new CborItemInfo(
                baseOffset + offset,
                head.MajorType,
                head.InitialByte,
                head.Length,
                encodedLength,
                head.Indefinite,
                head.Indefinite ? null : head.Argument,
                head.IsShortest);
        }

        private static CborHead Head(ReadOnlyMemory<byte> data, int offset) =>
            CborHead.TryRead(data.Span, offset, out var head)
                ? head
                : throw new CborContentException($"no CBOR head at byte {offset}");

        /// <summary>The whole encoded length of the item at <paramref name="offset"/> (head, content, chunks, break).</summary>
        private static int Length(ReadOnlyMemory<byte> data, int offset)
        {
            var reader = new CborReader(data[offset..], CborConformanceMode.Lax, allowMultipleRootLevelValues: true);
            reader.SkipValue();
            return data.Length - offset - reader.BytesRemaining;
        }
    }
}
