using System.Formats.Cbor;

namespace NsmDashboard.Attestation.Tests.Builders;

/// <summary>
/// Takes a document apart with a plain <see cref="CborReader"/> (independent of the decoder under test) so a test can
/// change one thing — a payload entry, the bundle order, a certificate, the framing — and put it back together.
/// The signature is kept as is, so any change to the signed bytes must make verification fail.
/// </summary>
internal sealed class DocumentEditor
{
    public DocumentEditor(byte[] document)
    {
        var reader = new CborReader(document, CborConformanceMode.Lax);
        reader.ReadStartArray();
        ProtectedHeader = reader.ReadByteString();
        Unprotected = reader.ReadEncodedValue().ToArray();
        var payload = reader.ReadByteString();
        Signature = reader.ReadByteString();
        reader.ReadEndArray();

        var map = new CborReader(payload, CborConformanceMode.Lax);
        IndefiniteMap = map.ReadStartMap() is null;
        while (map.PeekState() != CborReaderState.EndMap)
        {
            Entries.Add((map.ReadTextString(), map.ReadEncodedValue().ToArray()));
        }
    }

    public byte[] ProtectedHeader { get; set; }

    public byte[] Unprotected { get; set; }

    public byte[] Signature { get; set; }

    public bool IndefiniteMap { get; set; }

    public bool Tagged { get; set; }

    /// <summary>Payload entries in their original order: key and encoded value.</summary>
    public List<(string Key, byte[] Value)> Entries { get; } = [];

    public byte[] Get(string key) => Entries.Single(e => e.Key == key).Value;

    public DocumentEditor Set(string key, byte[] encodedValue)
    {
        var index = Entries.FindIndex(e => e.Key == key);
        if (index < 0)
        {
            Entries.Add((key, encodedValue));
        }
        else
        {
            Entries[index] = (key, encodedValue);
        }

        return this;
    }

    public DocumentEditor Remove(string key)
    {
        Entries.RemoveAll(e => e.Key == key);
        return this;
    }

    public List<byte[]> GetCaBundle()
    {
        var reader = new CborReader(Get("cabundle"));
        var bundle = new List<byte[]>();
        reader.ReadStartArray();
        while (reader.PeekState() != CborReaderState.EndArray)
        {
            bundle.Add(reader.ReadByteString());
        }

        return bundle;
    }

    public DocumentEditor SetCaBundle(IEnumerable<byte[]> bundle)
    {
        var writer = new CborWriter();
        var list = bundle.ToList();
        writer.WriteStartArray(list.Count);
        list.ForEach(writer.WriteByteString);
        writer.WriteEndArray();
        return Set("cabundle", writer.Encode());
    }

    public DocumentEditor SetBytes(string key, byte[] value)
    {
        var writer = new CborWriter();
        writer.WriteByteString(value);
        return Set(key, writer.Encode());
    }

    public byte[] EncodePayload()
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartMap(IndefiniteMap ? null : Entries.Count);
        foreach (var (key, value) in Entries)
        {
            writer.WriteTextString(key);
            writer.WriteEncodedValue(value);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    public byte[] Encode() => TestDocumentBuilder.Envelope(ProtectedHeader, EncodePayload(), Signature, Tagged, Unprotected);
}
