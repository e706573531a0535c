using System.Formats.Cbor;
using System.Text;

namespace NsmDashboard.Nsm.Protocol;

public static partial class NsmCbor
{
    /// <summary>An enum variant as serde_cbor writes it: bare text, or a map with one entry whose key is the name.</summary>
    private readonly record struct Variant(string Name, bool IsMap);

    private static Variant ReadVariantName(NsmCborReader r, string what)
    {
        var state = r.Peek();
        if (state is CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString)
        {
            return new Variant(VariantName(r.ReadTextUtf8(what).Span), IsMap: false);
        }

        if (state != CborReaderState.StartMap)
        {
            throw r.Fail($"{what}: expected a variant name or a one-entry map, found {NsmCborReader.Describe(state)}");
        }

        var count = r.ReadStartMap(what);
        if (count is not (null or 1))
        {
            throw r.Fail($"{what}: an enum map must have exactly one entry, found {count}");
        }

        if (r.AtEndOfMap())
        {
            throw r.Fail($"{what}: an enum map must have exactly one entry, found none");
        }

        return new Variant(VariantName(r.ReadTextUtf8(what).Span), IsMap: true);
    }

    // Known names come back as the same strings each time (NsmMessageNames), so that matching them allocates nothing.
    private static string VariantName(ReadOnlySpan<byte> utf8) => NsmMessageNames.KnownVariant(utf8) ?? Encoding.UTF8.GetString(utf8);

    private static void EndVariant(NsmCborReader r, Variant variant)
    {
        if (!variant.IsMap)
        {
            return;
        }

        if (!r.AtEndOfMap())
        {
            throw r.Fail($"{variant.Name}: an enum map must have exactly one entry");
        }

        r.ReadEndMap();
    }

    // A unit variant is bare text; serde also takes {"Name": null}.
    private static T ReadUnit<T>(NsmCborReader r, Variant variant, T value)
    {
        if (variant.IsMap && !r.TryReadNull())
        {
            throw r.Fail($"{variant.Name}: a unit variant takes no fields");
        }

        return value;
    }

    private static void BeginStruct(NsmCborReader r, Variant variant)
    {
        if (!variant.IsMap)
        {
            throw r.Fail($"{variant.Name}: expected {{\"{variant.Name}\": {{…}}}} with fields, found a bare variant name");
        }

        r.ReadStartMap(variant.Name);
    }

    // A struct variant with one field; `qualified` ("DescribePCR.index") names it in errors.
    private static ushort ReadUInt16Struct(NsmCborReader r, Variant variant, byte[][] names, string field, string qualified)
    {
        ushort? value = null;
        BeginStruct(r, variant);
        while (!r.AtEndOfMap())
        {
            if (r.ReadFieldId(variant.Name, names) == 0)
            {
                value = Once(r, variant, field, value) ?? r.ReadUInt16(qualified);
            }
            else
            {
                r.SkipValue();
            }
        }

        r.ReadEndMap();
        return Required(r, variant, field, value);
    }

    private static byte[] ReadBytesStruct(NsmCborReader r, Variant variant, byte[][] names, string field, string qualified)
    {
        byte[]? value = null;
        BeginStruct(r, variant);
        while (!r.AtEndOfMap())
        {
            if (r.ReadFieldId(variant.Name, names) == 0)
            {
                value = Once(r, variant, field, value) ?? r.ReadBytes(qualified);
            }
            else
            {
                r.SkipValue();
            }
        }

        r.ReadEndMap();
        return Required(r, variant, field, value);
    }

    // serde's derived visitor refuses a field that appears twice.
    private static T? Once<T>(NsmCborReader r, Variant variant, string field, T? current)
        where T : class =>
        current is null ? null : throw r.Fail($"{variant.Name}: duplicate field \"{field}\"");

    private static T? Once<T>(NsmCborReader r, Variant variant, string field, T? current)
        where T : struct =>
        current is null ? null : throw r.Fail($"{variant.Name}: duplicate field \"{field}\"");

    private static void Mark(NsmCborReader r, Variant variant, string field, ref bool seen)
    {
        if (seen)
        {
            throw r.Fail($"{variant.Name}: duplicate field \"{field}\"");
        }

        seen = true;
    }

    private static T Required<T>(NsmCborReader r, Variant variant, string field, T? value)
        where T : class =>
        value ?? throw r.Fail($"{variant.Name}: missing field \"{field}\"");

    private static T Required<T>(NsmCborReader r, Variant variant, string field, T? value)
        where T : struct =>
        value ?? throw r.Fail($"{variant.Name}: missing field \"{field}\"");

    // A null array must stay "absent": the implicit byte[] → ReadOnlyMemory conversion would make it empty.
    private static ReadOnlyMemory<byte>? Optional(byte[]? bytes) => bytes is null ? (ReadOnlyMemory<byte>?)null : bytes;
}
