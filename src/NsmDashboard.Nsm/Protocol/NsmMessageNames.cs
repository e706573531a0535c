namespace NsmDashboard.Nsm.Protocol;

/// <summary>
/// The names of NSM messages, read from their first bytes without decoding them: the request's variant and, for a
/// response, whether it is <c>{"Error": code}</c>. Only names the protocol defines are returned
/// (docs/nsm-messages.md#requests to #error-codes), so garbage bytes can never make up a name; the dashboard's
/// metrics label NSM calls with them.
/// </summary>
public static class NsmMessageNames
{
    /// <summary>The label of a request that is not one of the protocol's variants.</summary>
    public const string OtherOperation = "other";

    /// <summary>The label of a successful (non-Error) response.</summary>
    public const string Ok = "ok";

    /// <summary>The label of an Error response whose code is not one of the protocol's names.</summary>
    public const string UnknownError = "UnknownError";

    /// <summary>The variant of every error response: <c>{"Error": "&lt;code&gt;"}</c> (docs/nsm-messages.md#error-codes).</summary>
    public const string ErrorVariant = "Error";

    // docs/nsm-messages.md#requests: every request variant name; all are shorter than 24 bytes, so their CBOR text
    // header is the single byte 0x60 + length (docs/nsm-messages.md#encoding-rules, shortest forms).
    private static readonly (byte[] Utf8, string Name)[] Operations =
        Names("DescribeNSM", "DescribePCR", "ExtendPCR", "LockPCR", "LockPCRs", "Attestation", "GetRandom");

    // Every variant a response or a request can carry: the requests' and Error.
    private static readonly (byte[] Utf8, string Name)[] Variants = [.. Operations, .. Names(ErrorVariant)];

    private static readonly byte[] ErrorKey = System.Text.Encoding.UTF8.GetBytes(ErrorVariant);

    // docs/nsm-messages.md#error-codes: the ErrorCode names, the text inside {"Error": …}.
    private static readonly (byte[] Utf8, string Name)[] ErrorCodes = Names(Enum.GetNames<NsmErrorCode>());

    /// <summary>The request variant names (<c>aws_nitro_enclaves_nsm_api::api::Request</c>), as written on the wire.</summary>
    public static IReadOnlyList<string> RequestVariants { get; } = [.. Operations.Select(o => o.Name)];

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

    /// <summary>
    /// The protocol's name for a variant read off the wire (the same string instance every time, so matching it
    /// allocates nothing), or <see langword="null"/> for a name the protocol does not define.
    /// </summary>
    internal static string? KnownVariant(ReadOnlySpan<byte> utf8) => Match(Variants, utf8);

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
