namespace NsmDashboard.Evidence.Canonical;

/// <summary>A trail line is not JSON a trail may hold: malformed, a duplicate name, a number that is not a small integer, too deep.</summary>
public sealed class EvidenceFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EvidenceFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EvidenceFormatException()
        : base("The line is not a trail line.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public EvidenceFormatException(string message)
        : base(message)
    {
    }
}
