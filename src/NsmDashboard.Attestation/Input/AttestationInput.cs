using System.Text;

namespace NsmDashboard.Attestation;

/// <summary>
/// Turns what a user hands over — a file read as bytes, a pasted string — into document bytes, detecting the
/// format: raw CBOR, hex, or base64 (standard or URL-safe, padded or not), with whitespace and line breaks
/// allowed anywhere in text.
/// </summary>
/// <remarks>
/// Detection, in order: input whose first byte is <c>84</c> (array of 4), <c>d2</c> (tag 18) or <c>9f</c>
/// (indefinite array), or that is not printable ASCII text, is CBOR; text made only of hex digits is hex;
/// any other text is base64. Real documents start <c>84 44 a1 01 38 22 a0 59</c>, in base64 <c>hEShATgioFk</c>,
/// which is not all hex digits, so the two text forms never collide on real documents.
/// </remarks>
public sealed partial class AttestationInput
{
    private AttestationInput(AttestationInputFormat format, ReadOnlyMemory<byte> document)
    {
        Format = format;
        Document = document;
    }

    /// <summary>The format that was detected.</summary>
    public AttestationInputFormat Format { get; }

    /// <summary>The document bytes (CBOR), ready for <see cref="AttestationDocument.Decode"/>.</summary>
    public ReadOnlyMemory<byte> Document { get; }

    /// <summary>Reads input given as bytes (a file, standard input): raw CBOR, or hex or base64 text.</summary>
    /// <exception cref="AttestationInputException">The input is empty, or text that is neither valid hex nor valid base64.</exception>
    public static AttestationInput Parse(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            throw new AttestationInputException("The input is empty.", -1, null);
        }

        if (raw[0] is 0x84 or 0xd2 or 0x9f || !IsText(raw))
        {
            return new AttestationInput(AttestationInputFormat.Cbor, raw.ToArray());
        }

        // A UTF-8 byte order mark (a text editor's) is not part of the text.
        var start = raw.StartsWith("\uFEFF"u8) ? 3 : 0;
        return ParseText(raw[start..], start);
    }

    /// <summary>Reads input given as text (pasted, a form field, JSON): hex or base64.</summary>
    /// <exception cref="AttestationInputException">The text is empty, not ASCII, or neither valid hex nor valid base64.</exception>
    public static AttestationInput Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.StartsWith('\uFEFF') ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] > 0x7f)
            {
                throw new AttestationInputException(
                    $"Character U+{(int)text[i]:X4} at offset {i} is neither hex nor base64.", i, null);
            }
        }

        return ParseText(Encoding.ASCII.GetBytes(text, start, text.Length - start), start);
    }

    /// <summary>Whether every byte is printable ASCII or whitespace (a UTF-8 byte order mark may come first).</summary>
    private static bool IsText(ReadOnlySpan<byte> raw)
    {
        if (raw.StartsWith("\uFEFF"u8))
        {
            raw = raw[3..];
        }

        foreach (var b in raw)
        {
            if (b is not ((>= 0x20 and < 0x7f) or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v'))
            {
                return false;
            }
        }

        return true;
    }
}
