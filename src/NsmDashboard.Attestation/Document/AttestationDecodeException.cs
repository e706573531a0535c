namespace NsmDashboard.Attestation;

/// <summary>
/// The bytes are not a well-formed attestation document: not a COSE_Sign1 of 4 elements, a field of the
/// wrong CBOR type, truncation, trailing bytes, a duplicate key, or CBOR that is not well-formed.
/// This is the only exception the decoder throws for bad input; <see cref="Offset"/> and <see cref="Path"/>
/// say where the problem is.
/// </summary>
public sealed class AttestationDecodeException : Exception
{
    /// <summary>Creates a decode exception.</summary>
    /// <param name="problem">What is wrong, without the location.</param>
    /// <param name="offset">The byte offset in the document where it was found.</param>
    /// <param name="path">The field path, e.g. <c>payload.pcrs[3]</c>.</param>
    /// <param name="innerException">The CBOR or X.509 error behind it, if any.</param>
    public AttestationDecodeException(string problem, int offset, string path, Exception? innerException = null)
        : base($"{path}: {problem} (at byte {offset})", innerException)
    {
        Problem = problem;
        Offset = offset;
        Path = path;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>
    /// The byte offset in the document at which the problem was found. Inside a payload that was sent as a
    /// chunked (indefinite-length) byte string, the offset counts from the start of the joined payload.
    /// </summary>
    public int Offset { get; }

    /// <summary>
    /// Where in the structure: <c>$</c> (the envelope), <c>protected</c>, <c>unprotected</c>, <c>payload</c>,
    /// <c>signature</c>, or a payload field such as <c>payload.cabundle[2]</c>.
    /// </summary>
    public string Path { get; }
}
