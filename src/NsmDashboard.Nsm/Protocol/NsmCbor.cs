using System.Formats.Cbor;

namespace NsmDashboard.Nsm.Protocol;

/// <summary>
/// The NSM wire codec (docs/nsm-messages.md). Encoding is byte-identical to serde_cbor's encoding of
/// <c>aws_nitro_enclaves_nsm_api::api</c>: unit variants as text, struct variants as one-entry maps,
/// fields in declaration order, shortest integers, byte strings, absent optionals as null (docs/nsm-messages.md#encoding-rules).
/// Decoding is as tolerant as serde_cbor: any key order, unknown keys ignored, definite or indefinite
/// lengths, any integer width that fits, tags skipped. Anything else is an <see cref="NsmProtocolException"/>.
/// </summary>
/// <remarks>
/// The client encodes requests and decodes responses; the emulator does the reverse.
/// </remarks>
public static partial class NsmCbor
{
    // A writer per thread: encoding is on the hot path of every call and CborWriter grows a buffer.
    [ThreadStatic]
    private static CborWriter? t_writer;

    /// <summary>Encodes a request to a new array.</summary>
    public static byte[] EncodeRequest(NsmRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var writer = RentWriter();
        WriteRequest(writer, request);
        return writer.Encode();
    }

    /// <summary>Encodes a request into <paramref name="destination"/>; returns the number of bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public static int EncodeRequest(NsmRequest request, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        var writer = RentWriter();
        WriteRequest(writer, request);
        return writer.Encode(destination);
    }

    /// <summary>Encodes a response to a new array.</summary>
    public static byte[] EncodeResponse(NsmResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var writer = RentWriter();
        WriteResponse(writer, response);
        return writer.Encode();
    }

    /// <summary>Encodes a response into <paramref name="destination"/>; returns the number of bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public static int EncodeResponse(NsmResponse response, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(response);
        var writer = RentWriter();
        WriteResponse(writer, response);
        return writer.Encode(destination);
    }

    /// <summary>Decodes one request; the input must hold exactly one CBOR value.</summary>
    /// <exception cref="NsmProtocolException">The input is not a well-formed NSM request.</exception>
    public static NsmRequest DecodeRequest(ReadOnlyMemory<byte> cbor)
    {
        var reader = NsmCborReader.Rent(cbor);
        try
        {
            var request = reader.Guard(ReadRequest);
            reader.EnsureEnd();
            return request;
        }
        finally
        {
            reader.Return();
        }
    }

    /// <summary>Decodes one response; the input must hold exactly one CBOR value.</summary>
    /// <exception cref="NsmProtocolException">The input is not a well-formed NSM response.</exception>
    public static NsmResponse DecodeResponse(ReadOnlyMemory<byte> cbor)
    {
        var reader = NsmCborReader.Rent(cbor);
        try
        {
            var response = reader.Guard(ReadResponse);
            reader.EnsureEnd();
            return response;
        }
        finally
        {
            reader.Return();
        }
    }

    private static CborWriter RentWriter()
    {
        var writer = t_writer ??= new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.Reset();
        return writer;
    }
}
