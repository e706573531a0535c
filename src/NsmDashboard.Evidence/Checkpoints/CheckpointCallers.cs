using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;

namespace NsmDashboard.Evidence.Checkpoints;

/// <summary>
/// How the audit trail shows the attestations a dashboard requests for its own checkpoints: operation
/// <c>Attestation</c>, channel <c>server</c>, session <c>checkpoint-audit</c> or <c>checkpoint-eventlog</c>. A puller
/// that sees only these after its last checkpoint has nothing new to prove (each checkpoint is itself audited).
/// </summary>
public static class CheckpointCallers
{
    /// <summary>The channel of requests the dashboard makes on its own account.</summary>
    public const string ServerChannel = "server";

    /// <summary>The session (purpose) under which a checkpoint of a stream is requested and audited.</summary>
    public static string Purpose(EvidenceLog stream) => "checkpoint-" + stream.Name();

    /// <summary>Whether an audit record is the dashboard attesting one of its own checkpoints.</summary>
    public static bool IsCheckpointAttestation(EvidenceObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Is(record, AuditRecordMembers.Operation, "Attestation")
            && Is(record, AuditRecordMembers.Channel, ServerChannel)
            && (Is(record, AuditRecordMembers.Session, Purpose(EvidenceLog.Audit)) || Is(record, AuditRecordMembers.Session, Purpose(EvidenceLog.EventLog)));
    }

    private static bool Is(EvidenceObject record, string name, string expected) =>
        record.TryGetValue(name, out var value) && value.TryGetString(out var text) && string.Equals(text, expected, StringComparison.Ordinal);
}
