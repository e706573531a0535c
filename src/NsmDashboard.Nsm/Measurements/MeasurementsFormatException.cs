namespace NsmDashboard.Nsm;

/// <summary>
/// The measurements JSON (the output of <c>nitro-cli build-enclave</c> or <c>nitro-cli describe-eif</c>)
/// is not valid JSON or lacks a member, or a member has the wrong type or a malformed value.
/// <see cref="Member"/> names the member, e.g. <c>Measurements.PCR0</c>.
/// </summary>
public sealed class MeasurementsFormatException : FormatException
{
    /// <summary>Creates an exception for a problem with one member of the measurements JSON.</summary>
    /// <param name="member">The JSON path of the member that is wrong, or <c>$</c> for the whole document.</param>
    /// <param name="message">What is wrong, for people.</param>
    /// <param name="innerException">The underlying parser error, if any.</param>
    public MeasurementsFormatException(string member, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Member = member;
    }

    /// <summary>The JSON path of the offending member (<c>Measurements.PCR1</c>), or <c>$</c> for the whole document.</summary>
    public string Member { get; }
}
