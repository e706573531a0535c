namespace NsmDashboard.Attestation;

/// <summary>Expected PCRs given as text that do not form a valid set (<see cref="ExpectedPcrSet.Parse(string, IEnumerable{string})"/>).</summary>
public sealed class ExpectedPcrSetFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pcr">The PCR as it was given (its key or assignment); <see langword="null"/> when the set as a whole is wrong.</param>
    /// <param name="message">What is wrong, in words.</param>
    /// <param name="inner">The error underneath, if any.</param>
    public ExpectedPcrSetFormatException(string? pcr, string message, Exception? inner = null)
        : base(message, inner) => Pcr = pcr;

    /// <summary>The PCR as it was given (<c>0</c>, <c>PCR1</c>, <c>2=ab…</c>); <see langword="null"/> when the set as a whole is wrong (empty, repeated index, wrong length, index out of range).</summary>
    public string? Pcr { get; }
}
