namespace NsmDashboard.Attestation;

/// <summary>How an attestation document was handed to <see cref="AttestationInput"/>.</summary>
public enum AttestationInputFormat
{
    /// <summary>Raw CBOR bytes (what the NSM returns).</summary>
    Cbor,

    /// <summary>Base64 with the standard alphabet (<c>+</c>, <c>/</c>), padded or not.</summary>
    Base64,

    /// <summary>Base64 with the URL-safe alphabet (<c>-</c>, <c>_</c>), padded or not.</summary>
    Base64Url,

    /// <summary>Hexadecimal digits, either case.</summary>
    Hex,
}
