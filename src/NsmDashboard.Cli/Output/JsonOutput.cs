using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NsmDashboard.Cli.Output;

/// <summary>
/// JSON for <c>--json</c>, written with <see cref="Utf8JsonWriter"/> (no reflection, so native AOT stays
/// clean). Byte values are lowercase hex strings; times are ISO 8601 UTC; one document per command.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Output goes to terminals and files, never into HTML: keep '+', '<' and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one JSON document and a newline.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.Write('\n');
    }

    /// <summary>Writes bytes as a lowercase hex string.</summary>
    public static void WriteHex(this Utf8JsonWriter writer, string name, ReadOnlySpan<byte> value) =>
        writer.WriteString(name, Convert.ToHexStringLower(value));

    /// <summary>Writes a time as ISO 8601 UTC with milliseconds (<c>2021-10-28T17:02:02.077Z</c>).</summary>
    public static void WriteTime(this Utf8JsonWriter writer, string name, DateTimeOffset value) =>
        writer.WriteString(name, TextFormat.Time(value));

    /// <summary>Writes an array of integers.</summary>
    public static void WriteNumbers(this Utf8JsonWriter writer, string name, IEnumerable<int> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
