using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Records;

/// <summary>
/// One event-log record's payload: an extend that succeeded through the dashboard — which PCR, the SHA-384 and
/// length of the data (the data itself beside the record unless <see cref="Private"/>), the value before and the
/// value the NSM returned, who and when. Replaying these records recomputes each PCR (docs/audit-trail.md, "Replay").
/// </summary>
/// <param name="Time">When the NSM answered.</param>
/// <param name="Index">The PCR extended.</param>
/// <param name="DataSha384">SHA-384 of the data, lowercase hex.</param>
/// <param name="DataLength">The data's length.</param>
/// <param name="Private">Whether only the hash and length were ever kept.</param>
/// <param name="Before">The PCR just before the extend; null when it could not be read (the replay then cannot check this step). Not to be changed once appended.</param>
/// <param name="After">The value the NSM returned. Not to be changed once appended.</param>
/// <param name="User">Who extended.</param>
/// <remarks>PCR values are kept as bytes, not hex: an event log holds up to a hundred thousand of these in memory.</remarks>
public sealed record PcrExtendEvidence(
    DateTimeOffset Time, int Index, string DataSha384, int DataLength, bool Private, byte[]? Before, byte[] After, string User) : IEvidencePayload
{
    /// <inheritdoc/>
    public void WriteMembers(EvidenceObjectBuilder record)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.Add(AuditRecordMembers.Index, Index)
            .Add(AuditRecordMembers.DataSha384, DataSha384)
            .Add(AuditRecordMembers.DataLength, DataLength)
            .Add(AuditRecordMembers.Private, Private)
            .AddIfPresent(AuditRecordMembers.Before, Before is null ? null : Convert.ToHexStringLower(Before))
            .Add(AuditRecordMembers.After, Convert.ToHexStringLower(After))
            .Add(AuditRecordMembers.User, User);
    }
}
