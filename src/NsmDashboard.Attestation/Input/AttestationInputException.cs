namespace NsmDashboard.Attestation;

/// <summary>
/// The input is neither raw CBOR nor valid base64 or hex text, so no document bytes could be extracted.
/// (Bytes that are extracted but are not a well-formed document give <see cref="AttestationDecodeException"/> instead.)
/// </summary>
public sealed class AttestationInputException : Exception
{
    /// <summary>Creates an input exception.</summary>
    /// <param name="message">What is wrong, including where.</param>
    /// <param name="offset">The offset of the offending byte or character in the input, or -1 when it is the input as a whole.</param>
    /// <param name="attemptedFormat">The format the input was taken to be.</param>
    public AttestationInputException(string message, int offset, AttestationInputFormat? attemptedFormat)
        : base(message)
    {
        Offset = offset;
        AttemptedFormat = attemptedFormat;
    }

    /// <summary>The offset of the offending byte or character in the input, or -1 when it is the input as a whole.</summary>
    public int Offset { get; }

    /// <summary>The format the input was taken to be; <see langword="null"/> when the input is empty.</summary>
    public AttestationInputFormat? AttemptedFormat { get; }
}
