using System.Formats.Cbor;

namespace NsmDashboard.Attestation;

/// <summary>
/// A <see cref="CborReader"/> that knows where its bytes sit in the whole document and which field it is in,
/// so every failure can name a byte offset and a path.
/// </summary>
internal sealed class CborCursor
{
    private readonly int _baseOffset;
    private readonly int _length;

    public CborCursor(ReadOnlyMemory<byte> data, int baseOffset, string path)
    {
        // Lax: real NSMs write non-shortest integers and indefinite-length maps (docs/attestation-document.md#map-framing).
        Reader = new CborReader(data, CborConformanceMode.Lax, allowMultipleRootLevelValues: true);
        _baseOffset = baseOffset;
        _length = data.Length;
        Path = path;
    }

    public CborReader Reader { get; }

    public string Path { get; set; }

    /// <summary>The offset, in the whole document, of the next byte to read.</summary>
    public int Offset => _baseOffset + (_length - Reader.BytesRemaining);

    public CborReaderState Peek() => Reader.PeekState();

    public AttestationDecodeException Fail(string problem) => new(problem, Offset, Path);

    /// <summary>A failure located at an item read earlier (a duplicate key, an array header).</summary>
    public AttestationDecodeException FailAt(int offset, string problem) => new(problem, offset, Path);

    /// <summary>Throws unless the next item is of the expected kind (a chunked string counts as a string).</summary>
    public void Expect(CborReaderState expected, string what)
    {
        var state = Reader.PeekState();
        var ok = state == expected
            || (expected == CborReaderState.ByteString && state == CborReaderState.StartIndefiniteLengthByteString)
            || (expected == CborReaderState.TextString && state == CborReaderState.StartIndefiniteLengthTextString);
        if (!ok)
        {
            throw Fail($"expected {what}, found {Describe(state)}");
        }
    }

    /// <summary>Whether the next item is CBOR <c>null</c>; consumes it if so.</summary>
    public bool TryReadNull()
    {
        if (Reader.PeekState() != CborReaderState.Null)
        {
            return false;
        }

        Reader.ReadNull();
        return true;
    }

    /// <summary>
    /// Reads a byte string without copying when it is definite-length. A chunked (indefinite-length) string is
    /// joined into a new array (RFC 8949 §3.2.3); <paramref name="contentOffset"/> is then the offset of its first chunk header.
    /// </summary>
    public ReadOnlyMemory<byte> ReadBytes(out int contentOffset)
    {
        Expect(CborReaderState.ByteString, "a byte string");
        if (Reader.PeekState() == CborReaderState.StartIndefiniteLengthByteString)
        {
            contentOffset = Offset;
            return Reader.ReadByteString();
        }

        var value = Reader.ReadDefiniteLengthByteString();
        contentOffset = Offset - value.Length;
        return value;
    }

    public ReadOnlyMemory<byte> ReadBytes() => ReadBytes(out _);

    public string ReadText()
    {
        Expect(CborReaderState.TextString, "a text string");
        return Reader.ReadTextString();
    }

    /// <summary>Whether an exception is one the CBOR reader throws for bad input (never a bug of ours to hide).</summary>
    public static bool IsCborFailure(Exception e) =>
        e is CborContentException or InvalidOperationException or FormatException or OverflowException
            or ArgumentException;

    public static string Describe(Exception e) => e switch
    {
        CborContentException => $"malformed CBOR: {e.Message}",
        OverflowException => $"a number is out of range: {e.Message}",
        _ => e.Message,
    };

    public static string Describe(CborReaderState state) => state switch
    {
        CborReaderState.UnsignedInteger => "an unsigned integer",
        CborReaderState.NegativeInteger => "a negative integer",
        CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString => "a byte string",
        CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString => "a text string",
        CborReaderState.StartArray => "an array",
        CborReaderState.StartMap => "a map",
        CborReaderState.Tag => "a tag",
        CborReaderState.SimpleValue => "a simple value",
        CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat => "a float",
        CborReaderState.Null => "null",
        CborReaderState.Boolean => "a boolean",
        CborReaderState.Undefined => "undefined",
        CborReaderState.EndArray => "the end of the array",
        CborReaderState.EndMap => "the end of the map",
        CborReaderState.Finished => "the end of the data",
        _ => state.ToString(),
    };
}
