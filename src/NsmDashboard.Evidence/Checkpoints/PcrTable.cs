using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;

namespace NsmDashboard.Evidence.Checkpoints;

/// <summary>
/// Every PCR as the dashboard read it with a chain head, bound into a checkpoint by its digest. An attestation
/// document lists only locked PCRs, so without this a replay of the event log outside the enclave could not be
/// compared with the PCRs it explains (docs/audit-trail.md, "PCR table").
/// </summary>
public sealed class PcrTable
{
    /// <summary>The domain string hashed before the entries.</summary>
    public const string Domain = "nsm-dashboard/evidence/pcrs/v1";

    /// <summary>The most PCRs a module has (the NSM's <c>max_pcrs</c> is 32).</summary>
    public const int MaxEntries = 256;

    private PcrTable(IReadOnlyList<PcrValueEvidence> entries, EvidenceHash digest)
    {
        Entries = entries;
        Digest = digest;
    }

    /// <summary>The PCRs, by ascending index.</summary>
    public IReadOnlyList<PcrValueEvidence> Entries { get; }

    /// <summary>SHA-384(<see cref="Domain"/> ‖ 0x00 ‖ for each PCR: index (1 byte) ‖ locked (1 byte) ‖ length (1 byte) ‖ value).</summary>
    public EvidenceHash Digest { get; }

    /// <summary>A table from PCRs (any order; indices unique, 0–255; values 1–255 bytes of lowercase hex).</summary>
    /// <exception cref="ArgumentException">An entry breaks those rules.</exception>
    public static PcrTable Create(IEnumerable<PcrValueEvidence> pcrs)
    {
        ArgumentNullException.ThrowIfNull(pcrs);
        return TryCreate(pcrs, out var table, out var problem) ? table : throw new ArgumentException(problem, nameof(pcrs));
    }

    /// <summary>The table as the <c>pcrs</c> member of a checkpoint line.</summary>
    public EvidenceValue ToEvidence() =>
        EvidenceValue.Of(Entries.Select(p => (EvidenceValue)new EvidenceObjectBuilder(3)
            .Add(AuditRecordMembers.Index, p.Index)
            .Add(AuditRecordMembers.Locked, p.Locked)
            .Add(AuditRecordMembers.Value, p.Value)
            .Build()));

    /// <summary>Reads the <c>pcrs</c> member of a checkpoint line.</summary>
    public static bool TryRead(EvidenceValue value, [NotNullWhen(true)] out PcrTable? table, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        table = null;
        if (!value.TryGetArray(out var items))
        {
            problem = "\"pcrs\" is not an array";
            return false;
        }

        var entries = new List<PcrValueEvidence>(items.Count);
        foreach (var item in items)
        {
            if (!item.TryGetObject(out var entry)
                || !TrailFields.TryGetInteger(entry, AuditRecordMembers.Index, out var index, out _)
                || !entry.TryGetValue(AuditRecordMembers.Locked, out var lockedValue) || !lockedValue.TryGetBoolean(out var locked)
                || !TrailFields.TryGetString(entry, AuditRecordMembers.Value, out var hex, out _)
                || index > 255)
            {
                problem = "\"pcrs\" holds an entry that is not {\"index\", \"locked\", \"value\"}";
                return false;
            }

            entries.Add(new PcrValueEvidence((int)index, locked, hex));
        }

        return TryCreate(entries, out table, out problem);
    }

    /// <summary>The value of a PCR, when the table has it.</summary>
    public PcrValueEvidence? Find(int index) => Entries.FirstOrDefault(e => e.Index == index);

    private static bool TryCreate(IEnumerable<PcrValueEvidence> pcrs, [NotNullWhen(true)] out PcrTable? table, [NotNullWhen(false)] out string? problem)
    {
        table = null;
        var entries = pcrs.OrderBy(p => p.Index).ToArray();
        if (entries.Length is 0 or > MaxEntries)
        {
            problem = $"a PCR table has 1 to {MaxEntries} entries";
            return false;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
        hash.AppendData(Encoding.ASCII.GetBytes(Domain));
        hash.AppendData([0]);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Index is < 0 or > 255 || (i > 0 && entries[i - 1].Index == entry.Index))
            {
                problem = $"PCR {entry.Index} is out of range or listed twice";
                return false;
            }

            if (!LowerHex.IsValid(entry.Value) || entry.Value.Length is 0 or > 510)
            {
                problem = $"PCR {entry.Index}'s value is not 1 to 255 bytes of lowercase hex";
                return false;
            }

            var value = Convert.FromHexString(entry.Value);
            hash.AppendData([(byte)entry.Index, entry.Locked ? (byte)1 : (byte)0, (byte)value.Length]);
            hash.AppendData(value);
        }

        table = new PcrTable(entries, EvidenceHash.FromBytes(hash.GetHashAndReset()));
        problem = null;
        return true;
    }
}
