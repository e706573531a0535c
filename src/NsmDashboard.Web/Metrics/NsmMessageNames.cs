using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Metrics;

/// <summary>
/// Names for metric labels, read from the first bytes of an NSM message without decoding it: the request's
/// variant and, for a response, whether it is <c>{"Error": code}</c>. Only names the protocol defines are
/// returned (docs/nsm-messages.md#requests to #error-codes), so garbage bytes can never create new label values.
/// </summary>
internal static class NsmMessageNames
{
    /// <summary>The label of a request that is not one of the protocol's variants.</summary>
    public const string OtherOperation = "other";

    /// <summary>The label of a successful (non-Error) response.</summary>
    public const string Ok = "ok";

    /// <summary>The label of an Error response whose code is not one of the protocol's names.</summary>
    public const string UnknownError = "UnknownError";

    // docs/nsm-messages.md#requests: every request variant name; all are shorter than 24 bytes, so their CBOR text
    // header is the single byte 0x60 + length (docs/nsm-messages.md#encoding-rules, shortest forms).
    private static readonly (byte[] Utf8, string Name)[] Operations =
        Names("DescribeNSM", "DescribePCR", "ExtendPCR", "LockPCR", "LockPCRs", "Attestation", "GetRandom");

    // docs/nsm-messages.md#error-codes: the ErrorCode names, the text inside {"Error": …}.
    private static readonly (byte[] Utf8, string Name)[] ErrorCodes = Names(Enum.GetNames<NsmErrorCode>());

    private static ReadOnlySpan<byte> ErrorKey => "Error"u8;

    /// <summary>
    /// The variant of a request: a unit variant is a text string (<c>6b "DescribeNSM"</c>), a struct variant a
    /// one-entry map whose key is the name (<c>a1 6b "DescribePCR" …</c>) (docs/nsm-messages.md#encoding-rules).
    /// </summary>
    public static string Operation(ReadOnlySpan<byte> request)
    {
        if (!request.IsEmpty && request[0] == 0xa1)
        {
            request = request[1..];
        }

        return TryReadShortText(request, out var name, out _) ? Match(Operations, name) ?? OtherOperation : OtherOperation;
    }

    /// <summary><see cref="Ok"/>, or the ErrorCode name of an <c>a1 65 "Error" 6X "&lt;code&gt;"</c> response.</summary>
    public static string Result(ReadOnlySpan<byte> response)
    {
        if (response.IsEmpty || response[0] != 0xa1
            || !TryReadShortText(response[1..], out var key, out var rest) || !key.SequenceEqual(ErrorKey))
        {
            return Ok;
        }

        return TryReadShortText(rest, out var code, out _) ? Match(ErrorCodes, code) ?? UnknownError : UnknownError;
    }

    /// <summary>Reads a CBOR text string of fewer than 24 bytes (major type 3, length in the initial byte).</summary>
    private static bool TryReadShortText(ReadOnlySpan<byte> cbor, out ReadOnlySpan<byte> text, out ReadOnlySpan<byte> rest)
    {
        text = rest = default;
        if (cbor.IsEmpty || cbor[0] is < 0x60 or > 0x77)
        {
            return false;
        }

        var length = cbor[0] - 0x60;
        if (cbor.Length < 1 + length)
        {
            return false;
        }

        text = cbor.Slice(1, length);
        rest = cbor[(1 + length)..];
        return true;
    }

    private static string? Match((byte[] Utf8, string Name)[] names, ReadOnlySpan<byte> text)
    {
        foreach (var (utf8, name) in names)
        {
            if (text.SequenceEqual(utf8))
            {
                return name;
            }
        }

        return null;
    }

    private static (byte[] Utf8, string Name)[] Names(params string[] names) =>
        [.. names.Select(n => (System.Text.Encoding.UTF8.GetBytes(n), n))];
}
