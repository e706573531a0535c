using NsmDashboard.Nsm.Pcrs;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// Checks an attestation document's PCRs against an event log: per PCR, the value the log folds to beside the
/// document's. The document holds only locked PCRs (docs/pcrs.md#attestation-pcrs), so a PCR the log extended but the document
/// lacks is reported as not compared.
/// </summary>
public static class EventLogDocumentCheck
{
    /// <summary>One result per PCR in the document or in the log, by index.</summary>
    public static IReadOnlyList<PcrReplayResult> Run(PcrEventLogSnapshot log, IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? documentPcrs)
    {
        ArgumentNullException.ThrowIfNull(log);
        var document = documentPcrs ?? new Dictionary<int, ReadOnlyMemory<byte>>();
        return [.. document.Keys.Where(i => i is >= 0 and <= ushort.MaxValue).Select(i => (ushort)i)
            .Concat(log.Indices)
            .Distinct()
            .Order()
            .Select(i => log.Replay(i, document.TryGetValue(i, out var value) ? value : null, actualLocked: true))];
    }
}
