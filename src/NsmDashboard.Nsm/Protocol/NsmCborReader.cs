using System.Formats.Cbor;
using System.Text;

namespace NsmDashboard.Nsm.Protocol;

/// <summary>
/// A <see cref="CborReader"/> with serde_cbor's tolerance and this protocol's error reporting:
/// every failure becomes an <see cref="NsmProtocolException"/> that names the field and the offset.
/// </summary>
internal sealed class NsmCborReader
{
    // One reader per thread, reset for each message: a CborReader and its stacks cost about 1 KB,
    // more than everything else a DescribePCR round trip allocates.
    [ThreadStatic]
    private static NsmCborReader? t_cached;

    // Lax: any integer width and indefinite lengths, as serde_cbor takes them. Duplicate *fields* are
    // refused by the message readers, as serde's derived visitors do; a repeated unknown key is
    // skipped, as serde skips it.
    private readonly CborReader _reader = new(ReadOnlyMemory<byte>.Empty, CborConformanceMode.Lax);
    private int _length;

    private NsmCborReader()
    {
    }

    /// <summary>Takes this thread's reader, positioned at the start of <paramref name="cbor"/>.</summary>
    public static NsmCborReader Rent(ReadOnlyMemory<byte> cbor)
    {
        var reader = t_cached ?? new NsmCborReader();
        t_cached = null;
        reader._reader.Reset(cbor);
        reader._length = cbor.Length;
        return reader;
    }

    /// <summary>Gives the reader back for the next message on this thread; it must not be used afterwards.</summary>
    public void Return()
    {
        _reader.Reset(ReadOnlyMemory<byte>.Empty);
        t_cached = this;
    }

    /// <summary>The offset of the next unread byte.</summary>
    public int Offset => _length - _reader.BytesRemaining;

    /// <summary>Runs a read and turns the CBOR library's exceptions into a protocol error at the current offset.</summary>
    public T Guard<T>(Func<NsmCborReader, T> read)
    {
        try
        {
            return read(this);
        }
        catch (CborContentException e)
        {
            throw Fail($"malformed CBOR: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw Fail($"unexpected CBOR structure: {e.Message}", e);
        }
        catch (DecoderFallbackException e)
        {
            throw Fail("a text string is not valid UTF-8", e);
        }
        catch (Exception e) when (e is OverflowException or FormatException)
        {
            throw Fail($"invalid CBOR value: {e.Message}", e);
        }
    }

    public NsmProtocolException Fail(string message, Exception? inner = null) =>
        new($"{message} (at byte {Offset})", Offset, inner);

    public void EnsureEnd()
    {
        if (_reader.BytesRemaining != 0)
        {
            throw Fail($"{_reader.BytesRemaining} trailing byte(s) after the message");
        }
    }

    /// <summary>The state of the next value, after skipping any tags (serde_cbor ignores them).</summary>
    public CborReaderState Peek()
    {
        var state = _reader.PeekState();
        while (state == CborReaderState.Tag)
        {
            _reader.ReadTag();
            state = _reader.PeekState();
        }

        return state;
    }

    // serde refuses a String that is not UTF-8; Lax CborReader does not check, so decode strictly here.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a text string as its raw UTF-8 bytes, without allocating when it is definite.</summary>
    public ReadOnlyMemory<byte> ReadTextUtf8(string what)
    {
        var state = Peek();
        if (state == CborReaderState.TextString)
        {
            return _reader.ReadDefiniteLengthTextStringBytes();
        }

        if (state != CborReaderState.StartIndefiniteLengthTextString)
        {
            throw Fail($"{what}: expected a text string, found {Describe(state)}");
        }

        // Chunked text: join the chunks' bytes (each chunk is itself a definite text string).
        var joined = new List<byte>();
        _reader.ReadStartIndefiniteLengthTextString();
        while (_reader.PeekState() != CborReaderState.EndIndefiniteLengthTextString)
        {
            joined.AddRange(_reader.ReadDefiniteLengthTextStringBytes().Span);
        }

        _reader.ReadEndIndefiniteLengthTextString();
        return joined.ToArray();
    }

    /// <summary>Reads a text string, refusing invalid UTF-8.</summary>
    public string ReadText(string what) => s_strictUtf8.GetString(ReadTextUtf8(what).Span);

    public ushort ReadUInt16(string what) => ReadUInt16(what, -1);

    // The element index only goes into the message, so that reading an array formats nothing.
    private ushort ReadUInt16(string what, int element)
    {
        var state = Peek();
        if (state != CborReaderState.UnsignedInteger)
        {
            throw Fail($"{Where(what, element)}: expected an unsigned integer, found {Describe(state)}");
        }

        var value = _reader.ReadUInt64();
        return value <= ushort.MaxValue
            ? (ushort)value
            : throw Fail($"{Where(what, element)}: {value} does not fit in 16 bits");
    }

    private static string Where(string what, int element) => element < 0 ? what : $"{what}[{element}]";

    public bool ReadBoolean(string what)
    {
        var state = Peek();
        return state == CborReaderState.Boolean
            ? _reader.ReadBoolean()
            : throw Fail($"{what}: expected a boolean, found {Describe(state)}");
    }

    /// <summary>
    /// Reads a <c>serde_bytes</c> field: a byte string (definite or chunked). Like serde_bytes it also
    /// takes a text string (as its UTF-8 bytes) or an array of small integers.
    /// </summary>
    public byte[] ReadBytes(string what)
    {
        var state = Peek();
        switch (state)
        {
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                return _reader.ReadByteString();
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                return ReadTextUtf8(what).ToArray();
            case CborReaderState.StartArray:
                return ReadByteArray(what);
            default:
                throw Fail($"{what}: expected a byte string, found {Describe(state)}");
        }
    }

    /// <summary>Reads an optional byte field: null (or undefined) is absent.</summary>
    public byte[]? ReadOptionalBytes(string what)
    {
        var state = Peek();
        if (state == CborReaderState.Null)
        {
            _reader.ReadNull();
            return null;
        }

        if (state == CborReaderState.SimpleValue)
        {
            // serde reads CBOR undefined as None too; any other simple value is not bytes.
            var simple = _reader.ReadSimpleValue();
            return simple == CborSimpleValue.Undefined
                ? null
                : throw Fail($"{what}: expected a byte string or null, found simple value {(int)simple}");
        }

        return ReadBytes(what);
    }

    /// <summary>Reads an array of unsigned 16-bit integers (a serde <c>BTreeSet&lt;u16&gt;</c>): sorted, duplicates folded.</summary>
    public ushort[] ReadUInt16Set(string what)
    {
        var state = Peek();
        if (state != CborReaderState.StartArray)
        {
            throw Fail($"{what}: expected an array, found {Describe(state)}");
        }

        var count = _reader.ReadStartArray();
        var values = new List<ushort>(count ?? 16);
        while (Peek() != CborReaderState.EndArray)
        {
            values.Add(ReadUInt16(what, values.Count));
        }

        _reader.ReadEndArray();
        var set = values.ToArray();
        set.AsSpan().Sort();
        var distinct = NsmCbor.SortedDistinct(set);
        return distinct.Length == set.Length ? set : distinct.ToArray();
    }

    /// <summary>Opens a map; returns <see langword="null"/> for an indefinite-length map.</summary>
    public int? ReadStartMap(string what)
    {
        var state = Peek();
        return state == CborReaderState.StartMap
            ? _reader.ReadStartMap()
            : throw Fail($"{what}: expected a map, found {Describe(state)}");
    }

    /// <summary>True when the next item closes the current map.</summary>
    public bool AtEndOfMap() => Peek() == CborReaderState.EndMap;

    public void ReadEndMap() => _reader.ReadEndMap();

    public void SkipValue() => _reader.SkipValue();

    /// <summary>Reads CBOR null if it is next; serde accepts it as the body of a unit variant.</summary>
    public bool TryReadNull()
    {
        if (Peek() != CborReaderState.Null)
        {
            return false;
        }

        _reader.ReadNull();
        return true;
    }

    /// <summary>
    /// Reads a struct field key and returns its position in <paramref name="names"/>, or -1 for a key
    /// to ignore. serde's derived field visitor takes the name as text or bytes, or the field's index.
    /// </summary>
    public int ReadFieldId(string what, ReadOnlySpan<byte[]> names)
    {
        var state = Peek();
        switch (state)
        {
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                return IndexOf(names, ReadTextUtf8(what).Span);
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                return IndexOf(names, _reader.ReadByteString());
            case CborReaderState.UnsignedInteger:
                var index = _reader.ReadUInt64();
                return index < (ulong)names.Length ? (int)index : -1;
            default:
                throw Fail($"{what}: expected a field name, found {Describe(state)}");
        }
    }

    private static int IndexOf(ReadOnlySpan<byte[]> names, ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (key.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public static string Describe(CborReaderState state) => state switch
    {
        CborReaderState.UnsignedInteger => "an unsigned integer",
        CborReaderState.NegativeInteger => "a negative integer",
        CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString => "a byte string",
        CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString => "a text string",
        CborReaderState.StartArray => "an array",
        CborReaderState.StartMap => "a map",
        CborReaderState.Boolean => "a boolean",
        CborReaderState.Null => "null",
        CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat
            or CborReaderState.DoublePrecisionFloat => "a float",
        CborReaderState.Finished => "the end of the input",
        CborReaderState.EndArray or CborReaderState.EndMap => "the end of a container",
        _ => state.ToString(),
    };

    private byte[] ReadByteArray(string what)
    {
        var count = _reader.ReadStartArray();
        var bytes = new List<byte>(count ?? 64);
        while (Peek() != CborReaderState.EndArray)
        {
            var value = ReadUInt16(what, bytes.Count);
            bytes.Add(value <= byte.MaxValue ? (byte)value : throw Fail($"{what}[{bytes.Count}]: {value} is not a byte"));
        }

        _reader.ReadEndArray();
        return bytes.ToArray();
    }
}
