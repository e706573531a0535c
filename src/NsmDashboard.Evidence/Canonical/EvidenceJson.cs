using System.Globalization;
using System.Text.Json;

namespace NsmDashboard.Evidence.Canonical;

/// <summary>
/// Parses one trail line strictly: exactly one JSON object (RFC 8259) in UTF-8, no duplicate member names (a
/// verifier and a later reader must never see different values), numbers only as integers within ±(2⁵³ − 1), no
/// comments or trailing commas, at most <see cref="MaxDepth"/> levels.
/// </summary>
public static class EvidenceJson
{
    /// <summary>How deep values nest at most (a record needs three levels).</summary>
    public const int MaxDepth = 8;

    /// <summary>Parses a line into an object.</summary>
    /// <exception cref="EvidenceFormatException">The bytes are not one such object.</exception>
    public static EvidenceObject ParseObject(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new EvidenceFormatException("The line is empty.");
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = MaxDepth,
        });
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new EvidenceFormatException("The line is not a JSON object.");
            }

            var value = (EvidenceObject)ReadValue(ref reader);
            // The reader refuses a second value itself (it is the final block): one line, one object.
            reader.Read();
            return value;
        }
        catch (JsonException e)
        {
            throw new EvidenceFormatException($"The line is not valid JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString throws this for escapes that decode to invalid UTF-16 (a lone surrogate).
            throw new EvidenceFormatException($"The line holds a string that is not well-formed Unicode: {e.Message}", e);
        }
    }

    private static EvidenceValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return EvidenceValue.Null;
            case JsonTokenType.True:
                return EvidenceValue.True;
            case JsonTokenType.False:
                return EvidenceValue.False;
            case JsonTokenType.Number:
                return ReadInteger(ref reader);
            case JsonTokenType.String:
                return ReadString(ref reader);
            case JsonTokenType.StartArray:
                var items = new List<EvidenceValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return EvidenceValue.Of(items);
            case JsonTokenType.StartObject:
                var builder = new EvidenceObjectBuilder();
                var names = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    if (!EvidenceValue.IsWellFormed(name))
                    {
                        throw new EvidenceFormatException(Position(reader, "a member name is not well-formed Unicode"));
                    }

                    if (!names.Add(name))
                    {
                        throw new EvidenceFormatException(Position(reader, $"the member \"{name}\" appears twice"));
                    }

                    reader.Read();
                    builder.Add(name, ReadValue(ref reader));
                }

                return builder.Build();
            default:
                throw new EvidenceFormatException(Position(reader, $"unexpected {reader.TokenType}"));
        }
    }

    private static EvidenceValue ReadInteger(ref Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
        var digits = raw.AsSpan(raw.Length > 0 && raw[0] == (byte)'-' ? 1 : 0);
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            throw new EvidenceFormatException(Position(reader, "a number is not an integer (a trail holds integers only)"));
        }

        if (!reader.TryGetInt64(out var value) || value > EvidenceValue.MaxInteger || value < -EvidenceValue.MaxInteger)
        {
            throw new EvidenceFormatException(Position(reader, "an integer is beyond ±(2^53 - 1)"));
        }

        return EvidenceValue.Of(value);
    }

    private static EvidenceValue ReadString(ref Utf8JsonReader reader)
    {
        var text = reader.GetString()!;
        if (!EvidenceValue.IsWellFormed(text))
        {
            throw new EvidenceFormatException(Position(reader, "a string is not well-formed Unicode"));
        }

        return EvidenceValue.Of(text);
    }

    private static string Position(in Utf8JsonReader reader, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"At byte {reader.TokenStartIndex}: {what}.");
}
