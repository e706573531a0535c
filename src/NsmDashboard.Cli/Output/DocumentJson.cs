using System.Text.Json;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>JSON pieces of attestation documents shared by <c>attest</c>, <c>decode</c> and <c>verify</c>.</summary>
internal static class DocumentJson
{
    /// <summary>
    /// An optional field the way the document has it: absent → no member, <c>null</c> → JSON null,
    /// empty → <c>""</c>, bytes → hex. An independent CBOR decoder's view maps onto this one to one.
    /// </summary>
    public static void WriteOptional(Utf8JsonWriter writer, string name, OptionalBytes value)
    {
        switch (value.Kind)
        {
            case OptionalBytesKind.Absent:
                break;
            case OptionalBytesKind.Null:
                writer.WriteNull(name);
                break;
            default:
                writer.WriteHex(name, value.Value.Span);
                break;
        }
    }
}
