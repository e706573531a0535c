using System.Globalization;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>
/// <c>nsm decode --raw</c>: the structure after the fields, one item per line as
/// <c>@offset  initial-byte  type  length/entries  (notes)</c>, so a reader can hold it against a hex dump.
/// </summary>
internal static class StructureText
{
    private const int Width = 12;

    public static void Write(TextWriter output, AttestationStructure s)
    {
        output.WriteLine("raw structure");
        if (s.Tag is { } tag)
        {
            Line(output, "tag", tag, "COSE_Sign1 (18)");
        }
        else
        {
            output.WriteLine("  untagged      (no tag 18: the envelope starts at byte 0, as real NSMs send it)");
        }

        Line(output, "envelope", s.Envelope, "COSE_Sign1");
        Line(output, "protected", s.ProtectedHeader, null);
        foreach (var entry in s.ProtectedHeaderEntries)
        {
            output.WriteLine(Invariant($"    {entry.Label,-10} {entry.Value}"));
        }

        Line(output, "unprotected", s.UnprotectedHeader, s.UnprotectedHeaderEntries.Count == 0 ? "empty" : null);
        foreach (var entry in s.UnprotectedHeaderEntries)
        {
            output.WriteLine(Invariant($"    {entry.Label,-10} {entry.Value}"));
        }

        Line(output, "payload", s.Payload, s.PayloadOffsetsAreJoined ? "chunked: offsets below count in the joined payload" : null);
        Line(output, "payload map", s.PayloadMap, s.KeysInDeterministicOrder ? "keys in RFC 8949 deterministic order" : "keys in the order received, not RFC 8949 deterministic order");
        foreach (var field in s.Fields)
        {
            Line(output, "  " + field.Key, field.Value, field.Known ? null : "UNKNOWN key, ignored by the verifier");
            foreach (var element in field.Elements)
            {
                Line(output, "    " + element.Label, element.Item, null);
            }
        }

        output.WriteLine($"  {"heads",-Width}  {(s.NonShortestHeads.Count == 0 ? "all in their shortest form" : "not shortest: " + string.Join(", ", s.NonShortestHeads))}");
        Line(output, "signature", s.Signature.Item, s.Signature.HighS switch
        {
            true => "r‖s, HIGH-S (s > n/2; a low-S-only verifier rejects it)",
            false => "r‖s, low-S",
            null => Invariant($"{s.Signature.Length} bytes, not the 96 of ES384 r‖s"),
        });
        if (s.Signature.R is { } r && s.Signature.S is { } sValue)
        {
            output.WriteLine($"    r          {r}");
            output.WriteLine($"    s          {sValue}");
        }

        output.WriteLine($"  {"cabundle",-Width}  {(s.RootIndex is { } root ? Invariant($"root at [{root}]{(root == 0 ? " (root first, as AWS sends it)" : " (NOT first: AWS sends the root first)")}") : "no entry is a trusted root")}");
        foreach (var entry in s.CaBundle)
        {
            var role = entry.TrustedRoot is { } name ? $"ROOT: {name}" : entry.SelfIssued ? "self-issued, NOT a trusted root" : "intermediate";
            output.WriteLine(Invariant($"    [{entry.Index}]        {entry.Length} bytes  {role}  {entry.Subject ?? "(not a certificate)"}"));
        }
    }

    private static void Line(TextWriter output, string label, CborItemInfo item, string? note)
    {
        var size = item.MajorType switch
        {
            CborMajorType.Array or CborMajorType.Map => item.Argument is { } n ? Invariant($"{n} entries") : "indefinite",
            CborMajorType.ByteString or CborMajorType.TextString => item.Argument is { } n ? Invariant($"{n} bytes") : "chunked",
            CborMajorType.UnsignedInteger or CborMajorType.NegativeInteger or CborMajorType.Tag => item.Argument is { } n ? Invariant($"value {n}") : string.Empty,
            _ => string.Empty,
        };
        var head = item.ShortestHead ? string.Empty : " (head not shortest)";
        var suffix = note is null ? string.Empty : "  " + note;
        output.WriteLine(Invariant($"  {label,-Width}  @{item.Offset,-6} {item.InitialByte:x2}  {item.TypeName,-6} {size}{head}{suffix}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
