using System.Text.Json;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>
/// The raw structure in <c>nsm decode --json</c> (<c>structure</c>): every item as
/// <c>{"offset", "type", "initial_byte", "head_length", "length", "indefinite", "argument", "shortest_head"}</c>,
/// the payload fields in the order received, the signature as r‖s and the cabundle with its root.
/// </summary>
internal static class StructureJson
{
    public static void Write(Utf8JsonWriter writer, AttestationStructure s)
    {
        writer.WriteStartObject();
        writer.WriteNumber("length", s.Length);
        writer.WriteBoolean("tagged", s.Tagged);
        if (s.Tag is { } tag)
        {
            Item(writer, "tag", tag);
        }

        Item(writer, "envelope", s.Envelope);
        Item(writer, "protected", s.ProtectedHeader);
        HeaderEntries(writer, "protected_entries", s.ProtectedHeaderEntries);
        Item(writer, "unprotected", s.UnprotectedHeader);
        HeaderEntries(writer, "unprotected_entries", s.UnprotectedHeaderEntries);
        Item(writer, "payload", s.Payload);
        writer.WriteBoolean("payload_offsets_in_joined_payload", s.PayloadOffsetsAreJoined);
        Item(writer, "payload_map", s.PayloadMap);
        writer.WriteBoolean("keys_in_deterministic_order", s.KeysInDeterministicOrder);
        writer.WriteStartArray("fields");
        foreach (var field in s.Fields)
        {
            writer.WriteStartObject();
            writer.WriteString("key", field.Key);
            writer.WriteBoolean("known", field.Known);
            Item(writer, "key_item", field.KeyItem);
            Item(writer, "value", field.Value);
            if (field.Elements.Count > 0)
            {
                writer.WriteStartArray("elements");
                foreach (var element in field.Elements)
                {
                    writer.WriteStartObject();
                    writer.WriteString("label", element.Label);
                    ItemMembers(writer, element.Item);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("non_shortest_heads");
        foreach (var path in s.NonShortestHeads)
        {
            writer.WriteStringValue(path);
        }

        writer.WriteEndArray();

        writer.WriteStartObject("signature");
        writer.WriteNumber("length", s.Signature.Length);
        WriteNullable(writer, "r", s.Signature.R);
        WriteNullable(writer, "s", s.Signature.S);
        if (s.Signature.HighS is { } high)
        {
            writer.WriteString("s_form", high ? "high" : "low");
        }
        else
        {
            writer.WriteNull("s_form");
        }

        Item(writer, "item", s.Signature.Item);
        writer.WriteEndObject();

        writer.WriteStartArray("cabundle");
        foreach (var entry in s.CaBundle)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", entry.Index);
            writer.WriteNumber("length", entry.Length);
            writer.WriteString("sha256", entry.Sha256);
            WriteNullable(writer, "subject", entry.Subject);
            WriteNullable(writer, "issuer", entry.Issuer);
            writer.WriteBoolean("self_issued", entry.SelfIssued);
            WriteNullable(writer, "trusted_root", entry.TrustedRoot);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (s.RootIndex is { } root)
        {
            writer.WriteNumber("root_index", root);
        }
        else
        {
            writer.WriteNull("root_index");
        }

        writer.WriteEndObject();
    }

    private static void HeaderEntries(Utf8JsonWriter writer, string name, IReadOnlyList<StructureHeaderEntry> entries)
    {
        writer.WriteStartArray(name);
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("label", entry.Label);
            writer.WriteString("value", entry.Value);
            ItemMembers(writer, entry.Item);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void Item(Utf8JsonWriter writer, string name, CborItemInfo item)
    {
        writer.WriteStartObject(name);
        ItemMembers(writer, item);
        writer.WriteEndObject();
    }

    private static void ItemMembers(Utf8JsonWriter writer, CborItemInfo item)
    {
        writer.WriteNumber("offset", item.Offset);
        writer.WriteString("type", item.TypeName);
        writer.WriteNumber("major_type", (int)item.MajorType);
        writer.WriteString("initial_byte", item.InitialByte.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteNumber("head_length", item.HeadLength);
        writer.WriteNumber("length", item.EncodedLength);
        writer.WriteBoolean("indefinite", item.Indefinite);
        if (item.Argument is { } argument)
        {
            writer.WriteNumber("argument", argument);
        }
        else
        {
            writer.WriteNull("argument");
        }

        writer.WriteBoolean("shortest_head", item.ShortestHead);
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
