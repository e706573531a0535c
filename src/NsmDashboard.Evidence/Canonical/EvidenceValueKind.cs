namespace NsmDashboard.Evidence.Canonical;

/// <summary>The JSON values a trail line may hold (docs/audit-trail.md, "Canonical bytes").</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are JSON's own names for its types (RFC 8259 §3), as System.Text.Json.JsonValueKind uses them.")]
public enum EvidenceValueKind
{
    /// <summary><c>null</c>.</summary>
    Null,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An integer within ±(2⁵³ − 1): the only numbers a trail holds, so that every JCS implementation writes them alike.</summary>
    Integer,

    /// <summary>A string of well-formed Unicode.</summary>
    String,

    /// <summary>An array.</summary>
    Array,

    /// <summary>An object with unique member names.</summary>
    Object,
}
