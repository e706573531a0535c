using System.Buffers;
using System.Globalization;
using System.Text;

namespace NsmDashboard.Evidence.Canonical;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785) for the values a trail holds: no whitespace, object members sorted by
/// UTF-16 code units (§3.2.3), strings with only the escapes of §3.2.2.2 and every other character as UTF-8, and
/// integers in plain decimal — which is what ECMAScript's <c>Number.prototype.toString</c> (§3.2.2.3) gives for
/// integers within ±(2⁵³ − 1), the only numbers a trail allows.
/// </summary>
public static class CanonicalJson
{
    private static readonly byte[] HexDigits = "0123456789abcdef"u8.ToArray();

    /// <summary>The canonical UTF-8 bytes of a value.</summary>
    public static byte[] Serialize(EvidenceValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the canonical UTF-8 bytes of a value.</summary>
    public static void Write(IBufferWriter<byte> output, EvidenceValue value)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        WriteValue(output, value);
    }

    /// <summary>
    /// Writes the canonical bytes of an object without some of its top-level members — how a record's hash is taken:
    /// over the record without <c>hash</c> and <c>data</c> (docs/audit-trail.md).
    /// </summary>
    public static void WriteWithout(IBufferWriter<byte> output, EvidenceObject value, ReadOnlySpan<string> excluded)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        WriteByte(output, (byte)'{');
        var first = true;
        foreach (var (name, member) in value.Members)
        {
            if (Contains(excluded, name))
            {
                continue;
            }

            if (!first)
            {
                WriteByte(output, (byte)',');
            }

            first = false;
            WriteString(output, name);
            WriteByte(output, (byte)':');
            WriteValue(output, member);
        }

        WriteByte(output, (byte)'}');
    }

    private static bool Contains(ReadOnlySpan<string> names, string name)
    {
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteValue(IBufferWriter<byte> output, EvidenceValue value)
    {
        switch (value)
        {
            case EvidenceValue.NullValue:
                WriteAscii(output, "null");
                break;
            case EvidenceValue.BooleanValue b:
                WriteAscii(output, b.Value ? "true" : "false");
                break;
            case EvidenceValue.IntegerValue i:
                WriteInteger(output, i.Value);
                break;
            case EvidenceValue.StringValue s:
                WriteString(output, s.Value);
                break;
            case EvidenceValue.ArrayValue a:
                WriteByte(output, (byte)'[');
                for (var index = 0; index < a.Items.Count; index++)
                {
                    if (index > 0)
                    {
                        WriteByte(output, (byte)',');
                    }

                    WriteValue(output, a.Items[index]);
                }

                WriteByte(output, (byte)']');
                break;
            case EvidenceObject o:
                WriteWithout(output, o, []);
                break;
            default:
                throw new ArgumentException($"Unknown value type {value.GetType().Name}.", nameof(value));
        }
    }

    private static void WriteInteger(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    // RFC 8785 §3.2.2.2: quote, backslash and the C0 controls are escaped (\b \t \n \f \r by name, the others as
    // \u00hh with lowercase hex); everything else, U+007F and U+2028 included, is written as its UTF-8 bytes.
    private static void WriteString(IBufferWriter<byte> output, string text)
    {
        WriteByte(output, (byte)'"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            WriteUtf8(output, text.AsSpan(start, i - start));
            start = i + 1;
            switch (c)
            {
                case '"': WriteAscii(output, "\\\""); break;
                case '\\': WriteAscii(output, "\\\\"); break;
                case '\b': WriteAscii(output, "\\b"); break;
                case '\t': WriteAscii(output, "\\t"); break;
                case '\n': WriteAscii(output, "\\n"); break;
                case '\f': WriteAscii(output, "\\f"); break;
                case '\r': WriteAscii(output, "\\r"); break;
                default:
                    var span = output.GetSpan(6);
                    "\\u00"u8.CopyTo(span);
                    span[4] = HexDigits[c >> 4];
                    span[5] = HexDigits[c & 0xF];
                    output.Advance(6);
                    break;
            }
        }

        WriteUtf8(output, text.AsSpan(start));
        WriteByte(output, (byte)'"');
    }

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
