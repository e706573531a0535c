using System.Collections.ObjectModel;
using System.Formats.Cbor;

namespace NsmDashboard.Attestation;

internal sealed partial class AttestationDocumentDecoder
{
    /// <summary>The largest timestamp <see cref="DateTimeOffset"/> can hold (9999-12-31T23:59:59.999Z).</summary>
    private static readonly ulong MaxTimestampMilliseconds = (ulong)DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The payload fields as decoded; copied into the <see cref="AttestationDocument"/>.</summary>
    private sealed class DecodedPayload
    {
        public List<string> Keys { get; } = [];

        public List<string> NullKeys { get; } = [];

        public List<string> UnknownKeys { get; } = [];

        public bool Indefinite { get; set; }

        public string? ModuleId { get; set; }

        public string? Digest { get; set; }

        public ulong? TimestampMilliseconds { get; set; }

        public DateTimeOffset? Timestamp { get; set; }

        public IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? Pcrs { get; set; }

        public IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? NitroTpmPcrs { get; set; }

        public ReadOnlyMemory<byte>? Certificate { get; set; }

        public IReadOnlyList<ReadOnlyMemory<byte>>? CaBundle { get; set; }

        public OptionalBytes PublicKey { get; set; }

        public OptionalBytes UserData { get; set; }

        public OptionalBytes Nonce { get; set; }
    }

    /// <summary>Decodes the payload map (docs/attestation-document.md#payload): text keys, each at most once, values of the documented types or null.</summary>
    private DecodedPayload DecodePayload(ReadOnlyMemory<byte> raw, int offset)
    {
        var cursor = _current = new CborCursor(raw, offset, "payload");
        cursor.Expect(CborReaderState.StartMap, "the payload map");
        var count = cursor.Reader.ReadStartMap();
        var payload = new DecodedPayload { Indefinite = count is null };
        for (var i = 0; count is null ? cursor.Peek() != CborReaderState.EndMap : i < count; i++)
        {
            cursor.Path = "payload";
            if (cursor.Peek() is not (CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString))
            {
                throw cursor.Fail($"expected a text key, found {CborCursor.Describe(cursor.Peek())}");
            }

            var keyOffset = cursor.Offset;
            var key = cursor.Reader.ReadTextString();
            if (payload.Keys.Contains(key))
            {
                throw cursor.FailAt(keyOffset, $"duplicate key \"{key}\"");
            }

            payload.Keys.Add(key);
            cursor.Path = "payload." + key;
            if (!IsKnownKey(key))
            {
                payload.UnknownKeys.Add(key);
                cursor.Reader.SkipValue();
                continue;
            }

            if (cursor.TryReadNull())
            {
                payload.NullKeys.Add(key);
                SetNull(payload, key);
                continue;
            }

            ReadField(cursor, payload, key);
        }

        cursor.Path = "payload";
        cursor.Reader.ReadEndMap();
        if (cursor.Reader.BytesRemaining != 0)
        {
            throw cursor.Fail($"{cursor.Reader.BytesRemaining} trailing bytes after the payload map");
        }

        return payload;
    }

    private static bool IsKnownKey(string key) => AttestationPayloadKeys.IsKnown(key);

    private static void SetNull(DecodedPayload payload, string key)
    {
        // Mandatory fields stay null (GetPresence tells null from absent); optional ones record the form.
        switch (key)
        {
            case AttestationPayloadKeys.PublicKey: payload.PublicKey = OptionalBytes.Null; break;
            case AttestationPayloadKeys.UserData: payload.UserData = OptionalBytes.Null; break;
            case AttestationPayloadKeys.Nonce: payload.Nonce = OptionalBytes.Null; break;
        }
    }

    private static void ReadField(CborCursor cursor, DecodedPayload payload, string key)
    {
        switch (key)
        {
            case AttestationPayloadKeys.ModuleId:
                payload.ModuleId = cursor.ReadText();
                break;
            case AttestationPayloadKeys.Digest:
                payload.Digest = cursor.ReadText();
                break;
            case AttestationPayloadKeys.Timestamp:
                cursor.Expect(CborReaderState.UnsignedInteger, "an unsigned integer");
                var milliseconds = cursor.Reader.ReadUInt64();
                payload.TimestampMilliseconds = milliseconds;
                payload.Timestamp = milliseconds <= MaxTimestampMilliseconds
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds)
                    : null;
                break;
            case AttestationPayloadKeys.Pcrs:
                payload.Pcrs = ReadPcrs(cursor, key);
                break;
            case AttestationPayloadKeys.NitroTpmPcrs:
                payload.NitroTpmPcrs = ReadPcrs(cursor, key);
                break;
            case AttestationPayloadKeys.Certificate:
                payload.Certificate = cursor.ReadBytes();
                break;
            case AttestationPayloadKeys.CaBundle:
                payload.CaBundle = ReadCaBundle(cursor);
                break;
            case AttestationPayloadKeys.PublicKey:
                payload.PublicKey = OptionalBytes.FromBytes(cursor.ReadBytes());
                break;
            case AttestationPayloadKeys.UserData:
                payload.UserData = OptionalBytes.FromBytes(cursor.ReadBytes());
                break;
            case AttestationPayloadKeys.Nonce:
                payload.Nonce = OptionalBytes.FromBytes(cursor.ReadBytes());
                break;
        }
    }

    /// <summary><c>pcrs</c> or <c>nitrotpm_pcrs</c>: a map from unsigned index to byte string, each index once.</summary>
    private static ReadOnlyDictionary<int, ReadOnlyMemory<byte>> ReadPcrs(CborCursor cursor, string key)
    {
        cursor.Expect(CborReaderState.StartMap, "a map of PCRs");
        var count = cursor.Reader.ReadStartMap();
        var pcrs = new SortedDictionary<int, ReadOnlyMemory<byte>>();
        for (var i = 0; count is null ? cursor.Peek() != CborReaderState.EndMap : i < count; i++)
        {
            cursor.Path = "payload." + key;
            cursor.Expect(CborReaderState.UnsignedInteger, "an unsigned PCR index");
            var indexOffset = cursor.Offset;
            var index = cursor.Reader.ReadUInt64();
            if (index > int.MaxValue)
            {
                throw cursor.FailAt(indexOffset, $"PCR index {index} is too large");
            }

            if (pcrs.ContainsKey((int)index))
            {
                throw cursor.FailAt(indexOffset, $"duplicate PCR index {index}");
            }

            cursor.Path = $"payload.{key}[{index}]";
            pcrs.Add((int)index, cursor.ReadBytes());
        }

        cursor.Path = "payload." + key;
        cursor.Reader.ReadEndMap();
        return new ReadOnlyDictionary<int, ReadOnlyMemory<byte>>(pcrs);
    }

    /// <summary><c>cabundle</c>: an array of byte strings (DER certificates, root first).</summary>
    private static ReadOnlyCollection<ReadOnlyMemory<byte>> ReadCaBundle(CborCursor cursor)
    {
        cursor.Expect(CborReaderState.StartArray, "an array of certificates");
        var count = cursor.Reader.ReadStartArray();
        var bundle = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; count is null ? cursor.Peek() != CborReaderState.EndArray : i < count; i++)
        {
            cursor.Path = $"payload.cabundle[{i}]";
            bundle.Add(cursor.ReadBytes());
        }

        cursor.Path = "payload.cabundle";
        cursor.Reader.ReadEndArray();
        return bundle.AsReadOnly();
    }
}
