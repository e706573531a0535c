namespace NsmDashboard.Web.Security.Tls;

/// <summary>The configured TLS certificate or key cannot be used; the message names the setting and the reason.</summary>
public sealed class TlsCertificateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TlsCertificateException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public TlsCertificateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public TlsCertificateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
