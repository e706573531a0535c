namespace NsmDashboard.Kms;

/// <summary>The measurements given cannot stand for what KMS would see (no PCRs, an index KMS has no key for, …).</summary>
public sealed class KmsEvidenceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KmsEvidenceException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
