using System.Text.Json.Serialization;

namespace NsmDashboard.Attestation;

/// <summary>The eight CBOR major types (RFC 8949 §3.1), named as CDDL names them (RFC 8610 §3.3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CborMajorType>))]
public enum CborMajorType
{
    /// <summary>0: unsigned integer (<c>uint</c>).</summary>
    UnsignedInteger = 0,

    /// <summary>1: negative integer (<c>nint</c>).</summary>
    NegativeInteger = 1,

    /// <summary>2: byte string (<c>bstr</c>).</summary>
    ByteString = 2,

    /// <summary>3: UTF-8 text string (<c>tstr</c>).</summary>
    TextString = 3,

    /// <summary>4: array.</summary>
    Array = 4,

    /// <summary>5: map.</summary>
    Map = 5,

    /// <summary>6: tag.</summary>
    Tag = 6,

    /// <summary>7: simple value or float (<c>false</c>, <c>true</c>, <c>null</c>, floats, break).</summary>
    SimpleOrFloat = 7,
}
