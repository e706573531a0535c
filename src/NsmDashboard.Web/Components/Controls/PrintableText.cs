using System.Text;

namespace NsmDashboard.Web.Components.Controls;

/// <summary>
/// Shows bytes as text only when they really are text: strict UTF-8 with no control characters other than tab
/// and line breaks. Nonces and keys are binary; a "UTF-8 view" of them would be noise or, worse, hide bytes.
/// </summary>
public static class PrintableText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes the bytes when they are non-empty, valid UTF-8 and printable.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string? text)
    {
        text = null;
        if (bytes.IsEmpty)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var c in decoded)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return false;
            }
        }

        text = decoded;
        return true;
    }
}
