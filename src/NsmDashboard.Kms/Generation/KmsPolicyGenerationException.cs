namespace NsmDashboard.Kms;

/// <summary>A condition block cannot be made from what was given (a PCR not in the source, debug-mode zeros, …).</summary>
public sealed class KmsPolicyGenerationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KmsPolicyGenerationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
