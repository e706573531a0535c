namespace NsmDashboard.Web.Features.Lab.Diff;

/// <summary>How one field compares across the two sides of a diff.</summary>
public enum DiffStatus
{
    /// <summary>Both sides hold the same value (or both lack the field).</summary>
    Same,

    /// <summary>Both sides hold the field with different values.</summary>
    Differs,

    /// <summary>Only the left side (A) holds the field.</summary>
    OnlyLeft,

    /// <summary>Only the right side (B) holds the field.</summary>
    OnlyRight,

    /// <summary>One side is the live state, which has no such field (a nonce, a certificate).</summary>
    NotApplicable,
}
