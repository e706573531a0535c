namespace NsmDashboard.Attestation;

public sealed partial class AttestationInput
{
    /// <summary>Decodes hex or base64 text (ASCII bytes); <paramref name="baseOffset"/> maps offsets back to the input.</summary>
    private static AttestationInput ParseText(ReadOnlySpan<byte> text, int baseOffset)
    {
        // Whitespace may sit anywhere (wrapped base64, spaced hex); keep each kept character's input offset for errors.
        var compact = new char[text.Length];
        var offsets = new int[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace((char)text[i]))
            {
                compact[length] = (char)text[i];
                offsets[length] = baseOffset + i;
                length++;
            }
        }

        if (length == 0)
        {
            throw new AttestationInputException("The input contains only whitespace.", -1, null);
        }

        var chars = compact.AsSpan(0, length);
        return chars.ContainsAnyExcept(HexDigits)
            ? new AttestationInput(DetectBase64Alphabet(chars, offsets), DecodeBase64(chars, offsets))
            : new AttestationInput(AttestationInputFormat.Hex, DecodeHex(chars, offsets));
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static byte[] DecodeHex(ReadOnlySpan<char> digits, int[] offsets)
    {
        if (digits.Length % 2 != 0)
        {
            throw new AttestationInputException(
                $"Hex input has an odd number of digits ({digits.Length}); the last one is at offset {offsets[digits.Length - 1]}.",
                offsets[digits.Length - 1],
                AttestationInputFormat.Hex);
        }

        return Convert.FromHexString(digits);
    }

    /// <summary>Standard or URL-safe; text that mixes both alphabets is rejected rather than guessed at.</summary>
    private static AttestationInputFormat DetectBase64Alphabet(ReadOnlySpan<char> chars, int[] offsets)
    {
        int standard = -1, urlSafe = -1;
        for (var i = 0; i < chars.Length; i++)
        {
            switch (chars[i])
            {
                case '+' or '/' when standard < 0: standard = i; break;
                case '-' or '_' when urlSafe < 0: urlSafe = i; break;
            }
        }

        if (standard >= 0 && urlSafe >= 0)
        {
            var second = Math.Max(standard, urlSafe);
            throw new AttestationInputException(
                $"Base64 input mixes the standard (+ /) and URL-safe (- _) alphabets; '{chars[second]}' at offset {offsets[second]}.",
                offsets[second],
                AttestationInputFormat.Base64);
        }

        return urlSafe >= 0 ? AttestationInputFormat.Base64Url : AttestationInputFormat.Base64;
    }

    private static byte[] DecodeBase64(ReadOnlySpan<char> chars, int[] offsets)
    {
        var format = DetectBase64Alphabet(chars, offsets);
        var data = chars.TrimEnd('=');
        var padding = chars.Length - data.Length;
        for (var i = 0; i < data.Length; i++)
        {
            if (!IsBase64Char(data[i]))
            {
                throw new AttestationInputException(
                    $"Character '{data[i]}' at offset {offsets[i]} is neither hex nor base64.", offsets[i], format);
            }
        }

        if (data.Length % 4 == 1 || padding > 2 || (padding > 0 && chars.Length % 4 != 0))
        {
            throw new AttestationInputException(
                $"Base64 input has a length ({data.Length} characters, {padding} padding) no byte sequence encodes; it is probably truncated.",
                -1,
                format);
        }

        // Normalise to the standard alphabet with padding, which Convert accepts.
        var normal = new char[(data.Length + 3) / 4 * 4];
        for (var i = 0; i < data.Length; i++)
        {
            normal[i] = data[i] switch { '-' => '+', '_' => '/', var c => c };
        }

        normal.AsSpan(data.Length).Fill('=');
        var bytes = new byte[normal.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(normal, bytes, out var written))
        {
            throw new AttestationInputException("Base64 input does not decode.", -1, format);
        }

        return bytes[..written];
    }

    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_';
}
