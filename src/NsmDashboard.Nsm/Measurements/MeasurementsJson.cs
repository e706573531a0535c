using System.Buffers;
using System.Text.Json;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm;

/// <summary>
/// The JSON shape both measurement tools print — <c>{"Measurements": {"HashAlgorithm": …, "PCR<i>n</i>": "hex", …}}</c> —
/// read with <see cref="JsonDocument"/> only (trimming- and native-AOT-safe), every problem a
/// <see cref="MeasurementsFormatException"/> naming the member.
/// </summary>
internal static class MeasurementsJson
{
    public const string MeasurementsMember = "Measurements";
    public const string HashAlgorithmMember = "HashAlgorithm";

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>Parses the text; the caller disposes the document.</summary>
    public static JsonDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new MeasurementsFormatException(
                "$",
                $"The measurements are not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}",
                ex);
        }
    }

    /// <summary>The <c>Measurements</c> object of the root.</summary>
    public static JsonElement MeasurementsOf(JsonElement root, string expected)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MeasurementsFormatException("$", $"The measurements JSON must be an object, not {Describe(root.ValueKind)}.");
        }

        if (!root.TryGetProperty(MeasurementsMember, out var measurements))
        {
            throw new MeasurementsFormatException(MeasurementsMember, $"The JSON has no \"Measurements\" member; expected the output of {expected}.");
        }

        if (measurements.ValueKind != JsonValueKind.Object)
        {
            throw new MeasurementsFormatException(MeasurementsMember, $"\"Measurements\" must be an object, not {Describe(measurements.ValueKind)}.");
        }

        return measurements;
    }

    /// <summary>The <c>HashAlgorithm</c> text, or <paramref name="fallback"/> when absent; it must name SHA-384.</summary>
    public static string HashAlgorithmOf(JsonElement measurements, string fallback)
    {
        if (!measurements.TryGetProperty(HashAlgorithmMember, out var element))
        {
            return fallback;
        }

        var member = MeasurementsMember + "." + HashAlgorithmMember;
        var algorithm = element.ValueKind == JsonValueKind.String
            ? TextOf(element, member)
            : throw new MeasurementsFormatException(member, $"\"HashAlgorithm\" must be a string, not {Describe(element.ValueKind)}.");
        if (!IsSha384(algorithm))
        {
            throw new MeasurementsFormatException(member, $"\"HashAlgorithm\" is '{algorithm}'; Nitro measurements are SHA-384 ('{fallback}').");
        }

        return algorithm;
    }

    /// <summary>The PCR members (<c>PCR0</c> … <c>PCR31</c>) present, by index, ascending.</summary>
    public static SortedSet<int> PcrIndicesOf(JsonElement measurements)
    {
        var indices = new SortedSet<int>();
        foreach (var property in measurements.EnumerateObject())
        {
            if (TryPcrIndex(property.Name, out var index))
            {
                indices.Add(index);
            }
        }

        return indices;
    }

    /// <summary>Reads <c>PCR<i>n</i></c>: 96 hex characters (a SHA-384 value).</summary>
    public static byte[] ReadPcr(JsonElement measurements, string name)
    {
        var member = MeasurementsMember + "." + name;
        if (!measurements.TryGetProperty(name, out var element))
        {
            throw new MeasurementsFormatException(member, $"\"Measurements\" has no \"{name}\" member.");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            throw new MeasurementsFormatException(member, $"\"{name}\" must be a hex string, not {Describe(element.ValueKind)}.");
        }

        var hex = TextOf(element, member);
        if (hex.Length != NsmLimits.PcrLength * 2)
        {
            throw new MeasurementsFormatException(
                member,
                $"\"{name}\" must be {NsmLimits.PcrLength * 2} hex characters (a SHA-384 value), but has {hex.Length}.");
        }

        var value = new byte[NsmLimits.PcrLength];
        if (Convert.FromHexString(hex, value, out _, out var written) != OperationStatus.Done || written != NsmLimits.PcrLength)
        {
            throw new MeasurementsFormatException(member, $"\"{name}\" is not hexadecimal: '{hex}'.");
        }

        return value;
    }

    /// <summary>Both tools print the Rust <c>Debug</c> text of their SHA-384 hasher: <c>Sha384 { ... }</c> or <c>SHA384</c>.</summary>
    public static bool IsSha384(string algorithm) => algorithm.StartsWith("Sha384", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>PCR</c> followed by a decimal index without sign or leading zeros.</summary>
    public static bool TryPcrIndex(string name, out int index)
    {
        index = -1;
        if (name.Length is < 4 or > 5 || !name.StartsWith("PCR", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = name.AsSpan(3);
        if (!char.IsAsciiDigit(digits[0]) || (digits.Length == 2 && (digits[0] == '0' || !char.IsAsciiDigit(digits[1]))))
        {
            return false;
        }

        index = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// A string member's text. JSON may escape half a surrogate pair (<c>"\uDE00"</c>), which no string can carry as text
    /// and which <see cref="JsonElement.GetString"/> refuses with <see cref="InvalidOperationException"/> (found by the
    /// API fuzz run).
    /// </summary>
    private static string TextOf(JsonElement element, string member)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new MeasurementsFormatException(member, $"\"{member}\" is not text (an escaped unpaired surrogate or invalid UTF-8): {e.Message}", e);
        }
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
