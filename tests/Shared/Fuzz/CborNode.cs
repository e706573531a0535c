using System.Buffers.Binary;

namespace NsmDashboard.Testing.Fuzz;

/// <summary>
/// One CBOR data item (RFC 8949 §3) as the fuzzer sees it: its head exactly as encoded (so an unmutated item is written
/// back byte for byte), its content, and its children. A byte string whose content is itself one CBOR map, array or
/// tag (a COSE payload, a protected header, a document inside an NSM response) is parsed too, so mutations reach inside.
/// No test-framework dependency: linked by the test projects and the benchmarks' fuzz runner.
/// </summary>
internal sealed class CborNode
{
    private const int MaxDepth = 48;

    /// <summary>The major type, 0–7.</summary>
    public int Major { get; set; }

    /// <summary>The argument: the value of an integer, a tag number, a simple value; for a definite string, array or map the length written.</summary>
    public ulong Argument { get; set; }

    /// <summary>Bytes of the argument after the initial byte: 0 (in the initial byte), 1, 2, 4 or 8.</summary>
    public int ArgumentWidth { get; set; }

    /// <summary>Whether this is an indefinite-length string, array or map (ended by 0xff).</summary>
    public bool Indefinite { get; set; }

    /// <summary>When set, the length written into the head regardless of the real content (a length that lies).</summary>
    public ulong? LengthOverride { get; set; }

    /// <summary>The content of a definite byte or text string; the payload bytes of a float (major 7, width 2/4/8).</summary>
    public byte[] Content { get; set; } = [];

    /// <summary>The chunks of an indefinite string, the items of an array, the keys and values of a map (alternating), the item of a tag.</summary>
    public List<CborNode> Children { get; } = [];

    /// <summary>For a byte string whose content is one CBOR item: that item (written back as the content).</summary>
    public CborNode? Embedded { get; set; }

    public bool IsMap => Major == 5;

    public bool IsArray => Major == 4;

    public bool IsString => Major is 2 or 3;

    public bool IsInteger => Major is 0 or 1;

    public bool IsTag => Major == 6;

    /// <summary>Parses exactly one item filling <paramref name="data"/>; null when the bytes are not one well-formed item.</summary>
    public static CborNode? TryParse(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        var node = TryRead(data, ref offset, 0);
        return node is not null && offset == data.Length ? node : null;
    }

    public static CborNode UInt(ulong value) => new() { Major = 0, Argument = value, ArgumentWidth = ShortestWidth(value) };

    public static CborNode NegInt(ulong minusOneMinus) => new() { Major = 1, Argument = minusOneMinus, ArgumentWidth = ShortestWidth(minusOneMinus) };

    public static CborNode Bytes(byte[] content) => new() { Major = 2, Content = content, ArgumentWidth = ShortestWidth((ulong)content.Length) };

    public static CborNode Text(string text) => Text(System.Text.Encoding.UTF8.GetBytes(text));

    public static CborNode Text(byte[] utf8) => new() { Major = 3, Content = utf8, ArgumentWidth = ShortestWidth((ulong)utf8.Length) };

    public static CborNode Simple(byte value) => new() { Major = 7, Argument = value, ArgumentWidth = value < 24 ? 0 : 1 };

    public static CborNode Tag(ulong number, CborNode item)
    {
        var tag = new CborNode { Major = 6, Argument = number, ArgumentWidth = ShortestWidth(number) };
        tag.Children.Add(item);
        return tag;
    }

    public static CborNode Array(IEnumerable<CborNode> items, bool indefinite = false)
    {
        var array = new CborNode { Major = 4, Indefinite = indefinite };
        array.Children.AddRange(items);
        array.ArgumentWidth = ShortestWidth((ulong)array.Children.Count);
        return array;
    }

    public static CborNode Map(IEnumerable<CborNode> keysAndValues, bool indefinite = false)
    {
        var map = new CborNode { Major = 5, Indefinite = indefinite };
        map.Children.AddRange(keysAndValues);
        map.ArgumentWidth = ShortestWidth((ulong)map.Children.Count / 2);
        return map;
    }

    public static int ShortestWidth(ulong value) => value switch
    {
        < 24 => 0,
        <= byte.MaxValue => 1,
        <= ushort.MaxValue => 2,
        <= uint.MaxValue => 4,
        _ => 8,
    };

    /// <summary>A deep copy.</summary>
    public CborNode Clone()
    {
        var copy = new CborNode
        {
            Major = Major,
            Argument = Argument,
            ArgumentWidth = ArgumentWidth,
            Indefinite = Indefinite,
            LengthOverride = LengthOverride,
            Content = Content,
            Embedded = Embedded?.Clone(),
        };
        foreach (var child in Children)
        {
            copy.Children.Add(child.Clone());
        }

        return copy;
    }

    /// <summary>The text of a text string (lossy for invalid UTF-8), or null.</summary>
    public string? AsText() => Major == 3 && !Indefinite ? System.Text.Encoding.UTF8.GetString(Content) : null;

    /// <summary>Every node in this tree, embedded trees included, depth first.</summary>
    public void Collect(List<CborNode> into)
    {
        into.Add(this);
        Embedded?.Collect(into);
        foreach (var child in Children)
        {
            child.Collect(into);
        }
    }

    public byte[] Encode()
    {
        var output = new List<byte>(256);
        Write(output, null);
        return [.. output];
    }

    /// <summary>Encodes and records where each item (embedded ones included) starts and ends in the output.</summary>
    public byte[] Encode(List<(int Start, int End)> boundaries)
    {
        var output = new List<byte>(256);
        Write(output, boundaries);
        return [.. output];
    }

    private void Write(List<byte> output, List<(int Start, int End)>? boundaries)
    {
        var start = output.Count;
        switch (Major)
        {
            case 0 or 1 or 6:
                WriteHead(output, Argument);
                break;
            case 2 or 3:
                if (Indefinite)
                {
                    output.Add((byte)((Major << 5) | 31));
                }
                else
                {
                    var content = Embedded is { } embedded ? EncodeEmbedded(embedded, boundaries) : Content;
                    WriteHead(output, LengthOverride ?? (ulong)content.Length);
                    var contentStart = output.Count;
                    output.AddRange(content);
                    if (Embedded is not null && boundaries is not null)
                    {
                        // Shift the embedded boundaries, recorded relative to the content, to where the content landed.
                        for (var i = _embeddedFirst; i < boundaries.Count; i++)
                        {
                            boundaries[i] = (boundaries[i].Start + contentStart, boundaries[i].End + contentStart);
                        }
                    }
                }

                break;
            case 4 or 5:
                if (Indefinite)
                {
                    output.Add((byte)((Major << 5) | 31));
                }
                else
                {
                    var count = Major == 4 ? Children.Count : Children.Count / 2;
                    WriteHead(output, LengthOverride ?? (ulong)count);
                }

                break;
            default:
                if (Content.Length > 0)
                {
                    // A float: the initial byte says half, single or double; the content is its payload.
                    output.Add((byte)(0xe0 | (int)Argument));
                    output.AddRange(Content);
                }
                else
                {
                    WriteHead(output, Argument);
                }

                break;
        }

        if (!IsString || Indefinite)
        {
            foreach (var child in Children)
            {
                child.Write(output, boundaries);
            }
        }

        if (Indefinite && Major is 2 or 3 or 4 or 5)
        {
            output.Add(0xff);
        }

        boundaries?.Add((start, output.Count));
    }

    // Index in the boundary list where this node's embedded item's boundaries begin (set while encoding).
    private int _embeddedFirst;

    private byte[] EncodeEmbedded(CborNode embedded, List<(int Start, int End)>? boundaries)
    {
        if (boundaries is null)
        {
            return embedded.Encode();
        }

        _embeddedFirst = boundaries.Count;
        return embedded.Encode(boundaries);
    }

    private void WriteHead(List<byte> output, ulong argument)
    {
        var width = ArgumentWidth;
        if (width == 0 && argument >= 24)
        {
            width = ShortestWidth(argument);
        }

        // A width too small for the argument is widened (the mutation asked for a value, not for a wrong byte).
        if (width != 0 && width < 8 && argument > (width switch { 1 => byte.MaxValue, 2 => ushort.MaxValue, _ => (ulong)uint.MaxValue }))
        {
            width = ShortestWidth(argument);
        }

        var info = width switch { 0 => (int)argument, 1 => 24, 2 => 25, 4 => 26, _ => 27 };
        output.Add((byte)((Major << 5) | info));
        Span<byte> bytes = stackalloc byte[8];
        switch (width)
        {
            case 1: output.Add((byte)argument); break;
            case 2: BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)argument); output.AddRange(bytes[..2]); break;
            case 4: BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)argument); output.AddRange(bytes[..4]); break;
            case 8: BinaryPrimitives.WriteUInt64BigEndian(bytes, argument); output.AddRange(bytes[..8]); break;
        }
    }

    private static CborNode? TryRead(ReadOnlySpan<byte> data, ref int offset, int depth)
    {
        if (depth > MaxDepth || offset >= data.Length)
        {
            return null;
        }

        var initial = data[offset++];
        var major = initial >> 5;
        var info = initial & 0x1f;
        var width = info switch { < 24 => 0, 24 => 1, 25 => 2, 26 => 4, 27 => 8, _ => -1 };
        ulong argument = (ulong)info;
        var node = new CborNode { Major = major };
        if (info == 31)
        {
            if (major is 0 or 1 or 6 or 7)
            {
                return null; // 0xff break or an indefinite integer/tag: not an item start
            }

            node.Indefinite = true;
            while (true)
            {
                if (offset >= data.Length)
                {
                    return null;
                }

                if (data[offset] == 0xff)
                {
                    offset++;
                    return node;
                }

                var child = TryRead(data, ref offset, depth + 1);
                if (child is null || (major is 2 or 3 && (child.Major != major || child.Indefinite)))
                {
                    return null;
                }

                node.Children.Add(child);
            }
        }

        if (width < 0 || offset + width > data.Length)
        {
            return null;
        }

        argument = width switch
        {
            0 => argument,
            1 => data[offset],
            2 => BinaryPrimitives.ReadUInt16BigEndian(data[offset..]),
            4 => BinaryPrimitives.ReadUInt32BigEndian(data[offset..]),
            _ => BinaryPrimitives.ReadUInt64BigEndian(data[offset..]),
        };
        offset += width;
        node.Argument = argument;
        node.ArgumentWidth = width;
        switch (major)
        {
            case 2 or 3:
                if (argument > (ulong)(data.Length - offset))
                {
                    return null;
                }

                node.Content = data.Slice(offset, (int)argument).ToArray();
                offset += (int)argument;
                if (major == 2 && node.Content.Length > 0 && (node.Content[0] >> 5) is 4 or 5 or 6 && TryParse(node.Content) is { } embedded)
                {
                    node.Embedded = embedded;
                }

                return node;
            case 4 or 5:
                var items = major == 4 ? argument : argument * 2;
                if (items > (ulong)(data.Length - offset))
                {
                    return null;
                }

                for (ulong i = 0; i < items; i++)
                {
                    if (TryRead(data, ref offset, depth + 1) is not { } item)
                    {
                        return null;
                    }

                    node.Children.Add(item);
                }

                return node;
            case 6:
                if (TryRead(data, ref offset, depth + 1) is not { } tagged)
                {
                    return null;
                }

                node.Children.Add(tagged);
                return node;
            case 7:
                // Floats keep their payload bytes as content; the head is the initial byte alone.
                if (width >= 2)
                {
                    node.Content = data.Slice(offset - width, width).ToArray();
                    node.ArgumentWidth = 0;
                    node.Argument = (ulong)info;
                }

                return node;
            default:
                return node;
        }
    }
}
