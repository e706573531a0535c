namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// The emulator's certificate authority cannot be used: its root files are missing, unreadable,
/// mismatched or expired, or a certificate could not be issued. The message says which file and what to do.
/// </summary>
public sealed class EmulatorCertificateAuthorityException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The underlying I/O or cryptography error, if any.</param>
    public EmulatorCertificateAuthorityException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
