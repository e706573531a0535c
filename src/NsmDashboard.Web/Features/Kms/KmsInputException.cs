namespace NsmDashboard.Web.Features.Kms;

/// <summary>What was pasted or sent cannot be used: the member (or field) and why, for a 400 or a field error.</summary>
public sealed class KmsInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KmsInputException(string member, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Member = member;
    }

    /// <summary>The API member or form field at fault: <c>document</c>, <c>policy</c>, <c>measurements</c>, <c>pcrs</c>, …</summary>
    public string Member { get; }
}
