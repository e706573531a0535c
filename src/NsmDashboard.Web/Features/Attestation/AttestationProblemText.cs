using System.Globalization;
using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>Operator-readable messages for documents that cannot be read: the format, or the place in the CBOR.</summary>
public static class AttestationProblemText
{
    /// <summary>A title for input that is neither raw CBOR nor hex nor base64.</summary>
    public static string InputTitle(AttestationInputException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.AttemptedFormat is { } format
            ? $"Format not recognised (read as {Describe(format)})"
            : "Format not recognised";
    }

    /// <summary>A title naming the byte offset and the field: <c>Decode error at byte 312 in payload.pcrs[3]</c>.</summary>
    public static string DecodeTitle(AttestationDecodeException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return string.Create(CultureInfo.InvariantCulture, $"Decode error at byte {exception.Offset} in {FieldName(exception.Path)}");
    }

    /// <summary>A readable name for a decoder path: <c>$</c> is the envelope.</summary>
    public static string FieldName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path == "$" ? "the COSE_Sign1 envelope" : path;
    }

    /// <summary>How a detected format is named on the page.</summary>
    public static string Describe(AttestationInputFormat format) => format switch
    {
        AttestationInputFormat.Cbor => "raw CBOR",
        AttestationInputFormat.Base64 => "base64",
        AttestationInputFormat.Base64Url => "URL-safe base64",
        AttestationInputFormat.Hex => "hex",
        _ => format.ToString(),
    };
}
