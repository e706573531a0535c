using System.Globalization;
using Microsoft.AspNetCore.Components;
using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// The raw structure of a document (<see cref="AttestationStructure"/>): tag 18 or not, definite or indefinite
/// payload map, the keys in the order received (unknown ones marked), each item's byte offset, first byte, CBOR type
/// and length, the signature as r ‖ s with its S form, and the cabundle order with the entry that is a trusted root.
/// For operators whose other parser rejects a document that verifies here (docs/attestation-document.md#raw-structure).
/// </summary>
public partial class RawStructureView
{
    /// <summary>The structure to show.</summary>
    [Parameter, EditorRequired]
    public AttestationStructure Structure { get; set; } = default!;

    private string SForm => Structure.Signature.HighS switch
    {
        true => "high",
        false => "low",
        null => "none",
    };

    private string SFormText => Structure.Signature.HighS switch
    {
        true => "high-S (s > n/2)",
        false => "low-S",
        null => "not 96 bytes",
    };

    private string SFormExplanation => Structure.Signature.HighS == true
        ? "high-S: s is above half the order n of P-384. ECDSA accepts it and the NSM does not normalise; a verifier that insists on low-S rejects this document."
        : "low-S: s is at most half the order n of P-384.";

    private string RootText => Structure.RootIndex switch
    {
        0 => "root at cabundle[0], as AWS sends it",
        { } index => string.Create(CultureInfo.InvariantCulture, $"root at cabundle[{index}], NOT first"),
        null => "no cabundle entry is a trusted root",
    };

    /// <summary>The envelope's items before the payload fields, each with a note.</summary>
    private IEnumerable<(string Label, CborItemInfo Item, string? Note)> TopItems
    {
        get
        {
            if (Structure.Tag is { } tag)
            {
                yield return ("tag", tag, "COSE_Sign1 (18)");
            }

            yield return ("envelope", Structure.Envelope, "COSE_Sign1 array");
            yield return ("protected", Structure.ProtectedHeader, string.Join(", ", Structure.ProtectedHeaderEntries.Select(e => $"{e.Label}: {e.Value}")));
            yield return ("unprotected", Structure.UnprotectedHeader, Structure.UnprotectedHeaderEntries.Count == 0 ? "empty" : string.Join(", ", Structure.UnprotectedHeaderEntries.Select(e => $"{e.Label}: {e.Value}")));
            yield return ("payload", Structure.Payload, "the signed bytes");
            yield return ("payload map", Structure.PayloadMap, null);
        }
    }

    private static string Lower(bool value) => value ? "true" : "false";

    private static string Byte(byte value) => value.ToString("x2", CultureInfo.InvariantCulture);

    private static string LengthText(CborItemInfo item) => item.MajorType switch
    {
        CborMajorType.Array or CborMajorType.Map => item.Argument is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n} entries") : "indefinite",
        CborMajorType.ByteString or CborMajorType.TextString => item.Argument is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n} bytes") : "chunked",
        CborMajorType.UnsignedInteger or CborMajorType.NegativeInteger => string.Create(CultureInfo.InvariantCulture, $"{item.EncodedLength}-byte item"),
        _ => string.Empty,
    };

    private static string FieldNote(StructureField field)
    {
        var notes = new List<string>();
        if (!field.Known)
        {
            notes.Add("unknown key: kept, ignored by the verifier");
        }

        if (field.Value.MajorType is CborMajorType.UnsignedInteger && field.Value.Argument is { } value)
        {
            notes.Add(value.ToString(CultureInfo.InvariantCulture));
        }

        if (field.Elements.Count > 0)
        {
            var shapes = field.Elements
                .GroupBy(e => (e.Item.TypeName, e.Item.Argument))
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} × {g.Key.TypeName}{(g.Key.Argument is { } n ? $" {n}" : string.Empty)}"));
            notes.Add(string.Join(", ", shapes));
        }

        if (!field.Value.ShortestHead)
        {
            notes.Add("head not shortest");
        }

        return string.Join(" · ", notes);
    }

    private static string Role(StructureCaBundleEntry entry) => entry switch
    {
        { TrustedRoot: { } name } => $"root: {name}",
        { SelfIssued: true } => "self-issued, NOT a trusted root",
        { Subject: null } => "not a certificate",
        _ => "intermediate",
    };
}
