using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>Human-readable pieces of attestation documents shared by <c>attest</c>, <c>decode</c> and <c>verify</c>.</summary>
internal static class DocumentText
{
    /// <summary>An optional field: <c>absent</c>, <c>null</c>, <c>empty</c> or <c>N bytes  &lt;hex&gt;</c>.</summary>
    public static string Optional(OptionalBytes value) => value.Kind switch
    {
        OptionalBytesKind.Absent => "absent",
        OptionalBytesKind.Null => "null",
        OptionalBytesKind.Empty => "empty (0 bytes)",
        _ => $"{value.Length} bytes  {Convert.ToHexStringLower(value.Value.Span)}",
    };
}
