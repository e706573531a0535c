using System.Formats.Cbor;

namespace NsmDashboard.Cli.Tests;

/// <summary>
/// An independent reading of attestation documents for the tests (System.Formats.Cbor directly, not the
/// attestation library), and hand-made documents for shapes the real vectors do not show.
/// </summary>
internal static class Documents
{
    /// <summary>A payload field as an independent decoder sees it.</summary>
    internal sealed record Field(CborReaderState Kind, object? Value);

    /// <summary>The payload map: key → text, ulong, byte[], null, PCR map or byte-string list.</summary>
    public static Dictionary<string, object?> Payload(byte[] document)
    {
        var envelope = new CborReader(document, CborConformanceMode.Lax);
        if (envelope.PeekState() == CborReaderState.Tag)
        {
            envelope.ReadTag();
        }

        envelope.ReadStartArray();
        envelope.ReadByteString();
        envelope.SkipValue();
        var reader = new CborReader(envelope.ReadByteString(), CborConformanceMode.Lax);
        var fields = new Dictionary<string, object?>();
        var count = reader.ReadStartMap();
        for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            var key = reader.ReadTextString();
            fields[key] = ReadValue(reader);
        }

        return fields;
    }

    private static object? ReadValue(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.UnsignedInteger:
                return reader.ReadUInt64();
            case CborReaderState.ByteString:
                return reader.ReadByteString();
            case CborReaderState.StartArray:
                var list = new List<byte[]>();
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    list.Add(reader.ReadByteString());
                }

                reader.ReadEndArray();
                return list;
            case CborReaderState.StartMap:
                var map = new SortedDictionary<int, byte[]>();
                var count = reader.ReadStartMap();
                for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
                {
                    map[(int)reader.ReadUInt64()] = reader.ReadByteString();
                }

                reader.ReadEndMap();
                return map;
            default:
                throw new InvalidOperationException($"Unexpected {reader.PeekState()} in a payload.");
        }
    }

    /// <summary>
    /// A structurally valid but unsigned document with <c>public_key</c> absent, <c>user_data</c> null and
    /// <c>nonce</c> empty, and one-byte "certificates" — decode must show all of it.
    /// </summary>
    public static byte[] HandMade()
    {
        var payload = new CborWriter();
        payload.WriteStartMap(8);
        payload.WriteTextString("module_id");
        payload.WriteTextString("i-0123456789abcdef0-enc0123456789abcdef");
        payload.WriteTextString("digest");
        payload.WriteTextString("SHA384");
        payload.WriteTextString("timestamp");
        payload.WriteUInt64(1_700_000_000_123);
        payload.WriteTextString("pcrs");
        payload.WriteStartMap(1);
        payload.WriteUInt32(0);
        payload.WriteByteString(new byte[48]);
        payload.WriteEndMap();
        payload.WriteTextString("certificate");
        payload.WriteByteString([1]);
        payload.WriteTextString("cabundle");
        payload.WriteStartArray(1);
        payload.WriteByteString([2]);
        payload.WriteEndArray();
        payload.WriteTextString("user_data");
        payload.WriteNull();
        payload.WriteTextString("nonce");
        payload.WriteByteString([]);
        payload.WriteEndMap();

        var envelope = new CborWriter();
        envelope.WriteStartArray(4);
        envelope.WriteByteString([0xa1, 0x01, 0x38, 0x22]);
        envelope.WriteStartMap(0);
        envelope.WriteEndMap();
        envelope.WriteByteString(payload.Encode());
        envelope.WriteByteString(new byte[96]);
        envelope.WriteEndArray();
        return envelope.Encode();
    }
}
