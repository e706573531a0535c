using System.Buffers;
using NsmDashboard.Evidence.Canonical;

namespace NsmDashboard.Evidence.Chain;

/// <summary>How a record is hashed: SHA-384 of the RFC 8785 bytes of the record without <c>hash</c> and <c>data</c>.</summary>
public static class TrailHashing
{
    /// <summary>The canonical bytes of a record: JCS of the object without its <c>hash</c> and <c>data</c> members.</summary>
    public static byte[] CanonicalBytes(EvidenceObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(512);
        CanonicalJson.WriteWithout(buffer, record, TrailMembers.Unhashed);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>SHA-384 of <see cref="CanonicalBytes"/>.</summary>
    public static EvidenceHash HashRecord(EvidenceObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(512);
        CanonicalJson.WriteWithout(buffer, record, TrailMembers.Unhashed);
        return EvidenceHash.Compute(buffer.WrittenSpan);
    }
}
