using System.Diagnostics.CodeAnalysis;

namespace NsmDashboard.Evidence.Chain;

/// <summary>Which record stream a chain holds. The numbers are the stream byte of a checkpoint (docs/audit-trail.md): never renumber.</summary>
public enum EvidenceLog
{
    /// <summary>The audit trail: every operation the dashboard passed to the NSM or refused (<c>audit</c>).</summary>
    Audit = 1,

    /// <summary>The PCR event log: every extend that succeeded through the dashboard (<c>eventlog</c>).</summary>
    EventLog = 2,
}

/// <summary>The names of <see cref="EvidenceLog"/> in trails and URLs.</summary>
public static class EvidenceLogs
{
    /// <summary>The name in trail lines and routes: <c>audit</c> or <c>eventlog</c>.</summary>
    public static string Name(this EvidenceLog stream) => stream switch
    {
        EvidenceLog.Audit => "audit",
        EvidenceLog.EventLog => "eventlog",
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "Unknown stream."),
    };

    /// <summary>Parses <c>audit</c> or <c>eventlog</c> (exactly; a trail has one spelling).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out EvidenceLog stream)
    {
        stream = name switch
        {
            "audit" => EvidenceLog.Audit,
            "eventlog" => EvidenceLog.EventLog,
            _ => 0,
        };
        return stream != 0;
    }

    /// <summary>Whether a stream byte names a stream.</summary>
    public static bool IsDefined(int code) => code is (int)EvidenceLog.Audit or (int)EvidenceLog.EventLog;
}
