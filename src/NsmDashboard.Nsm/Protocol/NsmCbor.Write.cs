using System.Formats.Cbor;

namespace NsmDashboard.Nsm.Protocol;

public static partial class NsmCbor
{
    private static void WriteRequest(CborWriter writer, NsmRequest request)
    {
        switch (request)
        {
            case DescribePcrRequest r:
                WriteStructVariant(writer, r.Name, 1);
                WriteUInt(writer, "index", r.Index);
                break;
            case ExtendPcrRequest r:
                WriteStructVariant(writer, r.Name, 2);
                WriteUInt(writer, "index", r.Index);
                WriteBytes(writer, "data", r.Data);
                break;
            case LockPcrRequest r:
                WriteStructVariant(writer, r.Name, 1);
                WriteUInt(writer, "index", r.Index);
                break;
            case LockPcrsRequest r:
                WriteStructVariant(writer, r.Name, 1);
                WriteUInt(writer, "range", r.Range);
                break;
            case AttestationRequest r:
                // Option<ByteBuf> fields: serde writes the key with null when None (docs/nsm-messages.md#encoding-rules).
                WriteStructVariant(writer, r.Name, 3);
                WriteOptionalBytes(writer, "user_data", r.UserData);
                WriteOptionalBytes(writer, "nonce", r.Nonce);
                WriteOptionalBytes(writer, "public_key", r.PublicKey);
                break;
            case DescribeNsmRequest or GetRandomRequest:
                writer.WriteTextString(request.Name);
                return;
            default:
                throw new ArgumentException($"Unknown request type {request.GetType().Name}.", nameof(request));
        }

        EndStructVariant(writer);
    }

    private static void WriteResponse(CborWriter writer, NsmResponse response)
    {
        switch (response)
        {
            case DescribePcrResponse r:
                WriteStructVariant(writer, r.Name, 2);
                writer.WriteTextString("lock");
                writer.WriteBoolean(r.Lock);
                WriteBytes(writer, "data", r.Data);
                break;
            case ExtendPcrResponse r:
                WriteStructVariant(writer, r.Name, 1);
                WriteBytes(writer, "data", r.Data);
                break;
            case DescribeNsmResponse r:
                WriteStructVariant(writer, r.Name, 7);
                WriteUInt(writer, "version_major", r.VersionMajor);
                WriteUInt(writer, "version_minor", r.VersionMinor);
                WriteUInt(writer, "version_patch", r.VersionPatch);
                writer.WriteTextString("module_id");
                writer.WriteTextString(r.ModuleId);
                WriteUInt(writer, "max_pcrs", r.MaxPcrs);
                writer.WriteTextString("locked_pcrs");
                WriteLockedSet(writer, r.LockedPcrs);
                writer.WriteTextString("digest");
                writer.WriteTextString(r.Digest.ToWireName());
                break;
            case AttestationResponse r:
                WriteStructVariant(writer, r.Name, 1);
                WriteBytes(writer, "document", r.Document);
                break;
            case GetRandomResponse r:
                WriteStructVariant(writer, r.Name, 1);
                WriteBytes(writer, "random", r.Random);
                break;
            case ErrorResponse r:
                // A newtype variant: {"Error": "<code>"}.
                writer.WriteStartMap(1);
                writer.WriteTextString(r.Name);
                writer.WriteTextString(r.Code.ToString());
                writer.WriteEndMap();
                return;
            case LockPcrResponse or LockPcrsResponse:
                writer.WriteTextString(response.Name);
                return;
            default:
                throw new ArgumentException($"Unknown response type {response.GetType().Name}.", nameof(response));
        }

        EndStructVariant(writer);
    }

    // A struct variant is {"Name": {fields…}}: open both maps here, close both in EndStructVariant.
    private static void WriteStructVariant(CborWriter writer, string name, int fieldCount)
    {
        writer.WriteStartMap(1);
        writer.WriteTextString(name);
        writer.WriteStartMap(fieldCount);
    }

    private static void EndStructVariant(CborWriter writer)
    {
        writer.WriteEndMap();
        writer.WriteEndMap();
    }

    private static void WriteUInt(CborWriter writer, string key, ushort value)
    {
        writer.WriteTextString(key);
        writer.WriteUInt32(value);
    }

    private static void WriteBytes(CborWriter writer, string key, ReadOnlyMemory<byte> value)
    {
        writer.WriteTextString(key);
        writer.WriteByteString(value.Span);
    }

    private static void WriteOptionalBytes(CborWriter writer, string key, ReadOnlyMemory<byte>? value)
    {
        writer.WriteTextString(key);
        if (value is { } bytes)
        {
            writer.WriteByteString(bytes.Span);
        }
        else
        {
            writer.WriteNull();
        }
    }

    // BTreeSet<u16> serialises as an array in ascending order without duplicates.
    private static void WriteLockedSet(CborWriter writer, IReadOnlyList<ushort> locked)
    {
        Span<ushort> sorted = locked.Count <= 64 ? stackalloc ushort[locked.Count] : new ushort[locked.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = locked[i];
        }

        sorted.Sort();
        var distinct = SortedDistinct(sorted);
        writer.WriteStartArray(distinct.Length);
        foreach (var index in distinct)
        {
            writer.WriteUInt32(index);
        }

        writer.WriteEndArray();
    }

    /// <summary>Folds duplicates of a sorted span in place; returns the distinct prefix.</summary>
    internal static Span<ushort> SortedDistinct(Span<ushort> sorted)
    {
        if (sorted.IsEmpty)
        {
            return sorted;
        }

        var count = 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[count - 1])
            {
                sorted[count++] = sorted[i];
            }
        }

        return sorted[..count];
    }
}
