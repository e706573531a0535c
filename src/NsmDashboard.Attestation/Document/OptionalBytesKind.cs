namespace NsmDashboard.Attestation;

/// <summary>
/// How an optional byte-string field of the attestation payload (<c>public_key</c>, <c>user_data</c>,
/// <c>nonce</c>) was sent. Real NSMs use all four forms (docs/attestation-document.md#payload), and they mean different things
/// to an application, so the decoder keeps them apart.
/// </summary>
public enum OptionalBytesKind
{
    /// <summary>The key is not in the payload map at all.</summary>
    Absent,

    /// <summary>The key is present with CBOR <c>null</c> (<c>f6</c>): the requester supplied nothing.</summary>
    Null,

    /// <summary>The key is present with an empty byte string (<c>40</c>).</summary>
    Empty,

    /// <summary>The key is present with a non-empty byte string.</summary>
    Bytes,
}
