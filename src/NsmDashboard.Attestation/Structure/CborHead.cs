using System.Buffers.Binary;

namespace NsmDashboard.Attestation;

/// <summary>The head of a CBOR data item (RFC 8949 §3): initial byte and argument. Read by hand to keep every byte.</summary>
internal readonly record struct CborHead(CborMajorType MajorType, byte InitialByte, int Length, ulong Argument)
{
    private const int IndefiniteInfo = 31;

    public bool Indefinite => (InitialByte & 0x1f) == IndefiniteInfo;

    /// <summary>Whether the argument has its shortest form; floats and simple values always count as shortest.</summary>
    public bool IsShortest => MajorType == CborMajorType.SimpleOrFloat || Indefinite || (InitialByte & 0x1f) switch
    {
        < 24 => true,
        24 => Argument >= 24,
        25 => Argument > byte.MaxValue,
        26 => Argument > ushort.MaxValue,
        27 => Argument > uint.MaxValue,
        _ => false,
    };

    /// <summary>Reads the head at <paramref name="offset"/>; false when the bytes end early or use reserved values 28–30.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, int offset, out CborHead head)
    {
        head = default;
        if (offset < 0 || offset >= data.Length)
        {
            return false;
        }

        var initial = data[offset];
        var major = (CborMajorType)(initial >> 5);
        var info = initial & 0x1f;
        var argumentLength = info switch
        {
            < 24 or IndefiniteInfo => 0,
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            _ => -1,
        };
        if (argumentLength < 0 || offset + 1 + argumentLength > data.Length)
        {
            return false;
        }

        var bytes = data.Slice(offset + 1, argumentLength);
        ulong argument = argumentLength switch
        {
            0 => info == IndefiniteInfo ? 0 : (ulong)info,
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64BigEndian(bytes),
        };
        head = new CborHead(major, initial, 1 + argumentLength, argument);
        return true;
    }
}
