using System.Formats.Cbor;
using System.Globalization;

namespace NsmDashboard.Attestation;

internal sealed partial class AttestationDocumentDecoder
{
    /// <summary>The COSE header label of the algorithm (RFC 9052 §3.1).</summary>
    private const string AlgorithmLabel = "1";

    private readonly record struct ProtectedHeader(int? Algorithm, HashSet<string> Labels);

    /// <summary>
    /// Decodes the protected header: a byte string holding one CBOR map (or nothing at all, which RFC 9052 §3
    /// defines as the empty map). Real NSMs send <c>{1: -35}</c>.
    /// </summary>
    private ProtectedHeader DecodeProtectedHeader(ReadOnlyMemory<byte> raw, int offset)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        if (raw.IsEmpty)
        {
            return new ProtectedHeader(null, labels);
        }

        var outer = _current;
        var cursor = _current = new CborCursor(raw, offset, "protected");
        cursor.Expect(CborReaderState.StartMap, "a header map");
        var count = cursor.Reader.ReadStartMap();
        int? algorithm = null;
        for (var i = 0; count is null ? cursor.Peek() != CborReaderState.EndMap : i < count; i++)
        {
            cursor.Path = "protected";
            var labelOffset = cursor.Offset;
            var label = ReadLabel(cursor);
            if (!labels.Add(label))
            {
                throw cursor.FailAt(labelOffset, $"duplicate header label {label}");
            }

            cursor.Path = $"protected[{label}]";
            if (label == AlgorithmLabel)
            {
                algorithm = ReadAlgorithm(cursor);
            }
            else
            {
                cursor.Reader.SkipValue();
            }
        }

        cursor.Path = "protected";
        cursor.Reader.ReadEndMap();
        if (cursor.Reader.BytesRemaining != 0)
        {
            throw cursor.Fail($"{cursor.Reader.BytesRemaining} trailing bytes after the header map");
        }

        _current = outer;
        return new ProtectedHeader(algorithm, labels);
    }

    /// <summary>Reads the unprotected header map, checking labels only; returns its entry count.</summary>
    private static int ReadUnprotectedHeader(CborCursor cursor, HashSet<string> protectedLabels)
    {
        cursor.Expect(CborReaderState.StartMap, "a header map");
        var count = cursor.Reader.ReadStartMap();
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var entries = 0;
        for (; count is null ? cursor.Peek() != CborReaderState.EndMap : entries < count; entries++)
        {
            var labelOffset = cursor.Offset;
            var label = ReadLabel(cursor);
            if (!labels.Add(label))
            {
                throw cursor.FailAt(labelOffset, $"duplicate header label {label}");
            }

            if (protectedLabels.Contains(label))
            {
                // RFC 9052 §3: a label must not occur in both the protected and the unprotected bucket.
                throw cursor.FailAt(labelOffset, $"header label {label} is in both the protected and the unprotected header");
            }

            cursor.Reader.SkipValue();
        }

        cursor.Reader.ReadEndMap();
        return entries;
    }

    /// <summary>A header label (int or text, RFC 9052 §3) as a comparable string: <c>1</c>, <c>-7</c>, <c>"name"</c>.</summary>
    private static string ReadLabel(CborCursor cursor)
    {
        switch (cursor.Peek())
        {
            case CborReaderState.UnsignedInteger:
                return cursor.Reader.ReadUInt64().ToString(CultureInfo.InvariantCulture);
            case CborReaderState.NegativeInteger:
                var magnitude = cursor.Reader.ReadCborNegativeIntegerRepresentation();
                return magnitude < long.MaxValue
                    ? (-1 - (long)magnitude).ToString(CultureInfo.InvariantCulture)
                    : "-1-" + magnitude.ToString(CultureInfo.InvariantCulture);
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                return "\"" + cursor.Reader.ReadTextString() + "\"";
            default:
                throw cursor.Fail($"expected an integer or text header label, found {CborCursor.Describe(cursor.Peek())}");
        }
    }

    /// <summary>The <c>alg</c> value; <see langword="null"/> when it is text or outside <see cref="int"/> (never a known algorithm).</summary>
    private static int? ReadAlgorithm(CborCursor cursor)
    {
        switch (cursor.Peek())
        {
            case CborReaderState.UnsignedInteger:
                var value = cursor.Reader.ReadUInt64();
                return value <= int.MaxValue ? (int)value : null;
            case CborReaderState.NegativeInteger:
                // The encoded magnitude n stands for -1 - n (RFC 8949 §3.1, major type 1).
                var magnitude = cursor.Reader.ReadCborNegativeIntegerRepresentation();
                return magnitude <= int.MaxValue ? -1 - (int)magnitude : null;
            default:
                cursor.Reader.SkipValue();
                return null;
        }
    }
}
