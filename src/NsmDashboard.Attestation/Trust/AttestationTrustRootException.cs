namespace NsmDashboard.Attestation;

/// <summary>A trust root could not be loaded: the file is missing or unreadable, or it is not one X.509 certificate.</summary>
public sealed class AttestationTrustRootException : Exception
{
    /// <summary>Creates a trust-root exception.</summary>
    public AttestationTrustRootException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
