namespace NsmDashboard.Attestation;

/// <summary>
/// How one CBOR data item was written: where it starts, its head, its whole length. This is what another decoder
/// sees before it sees any value, and where strict decoders differ (indefinite lengths, non-shortest heads).
/// </summary>
/// <param name="Offset">
/// Byte offset of the item's first byte: in the document, or — for items inside a payload or protected header that
/// was itself sent as a chunked (indefinite-length) byte string — in the joined content (see
/// <see cref="AttestationStructure.PayloadOffsetsAreJoined"/>).
/// </param>
/// <param name="MajorType">The major type (the top three bits of the first byte).</param>
/// <param name="InitialByte">The first byte, e.g. <c>0xa9</c> (definite map of 9) or <c>0xbf</c> (indefinite map).</param>
/// <param name="HeadLength">Bytes of the head: the initial byte and its argument (1, 2, 3, 5 or 9).</param>
/// <param name="EncodedLength">Bytes of the whole item: head, content and, when indefinite, the chunks and the break.</param>
/// <param name="Indefinite">Whether the length was left open (<c>5f</c>, <c>7f</c>, <c>9f</c>, <c>bf</c> … <c>ff</c>).</param>
/// <param name="Argument">
/// The head's argument: the length of a string, the number of entries of an array or map, an integer's value
/// (for a negative integer n, −1 − n), a tag number, a simple value; <see langword="null"/> when indefinite.
/// </param>
/// <param name="ShortestHead">
/// Whether the argument uses its shortest form (RFC 8949 §4.1, "preferred serialization"); decoders that insist on
/// deterministic encoding (§4.2) reject anything else.
/// </param>
public sealed record CborItemInfo(
    int Offset,
    CborMajorType MajorType,
    byte InitialByte,
    int HeadLength,
    int EncodedLength,
    bool Indefinite,
    ulong? Argument,
    bool ShortestHead)
{
    /// <summary>The CDDL-style name of the type: <c>uint</c>, <c>nint</c>, <c>bstr</c>, <c>tstr</c>, <c>array</c>, <c>map</c>, <c>tag</c>, <c>simple</c>.</summary>
    public string TypeName => MajorType switch
    {
        CborMajorType.UnsignedInteger => "uint",
        CborMajorType.NegativeInteger => "nint",
        CborMajorType.ByteString => "bstr",
        CborMajorType.TextString => "tstr",
        CborMajorType.Array => "array",
        CborMajorType.Map => "map",
        CborMajorType.Tag => "tag",
        _ => InitialByte switch
        {
            0xf4 => "false",
            0xf5 => "true",
            0xf6 => "null",
            0xf7 => "undefined",
            0xf9 or 0xfa or 0xfb => "float",
            _ => "simple",
        },
    };
}
