namespace NsmDashboard.Attestation;

/// <summary>
/// The raw structure of a document, as received: what an operator needs to see when another parser rejects a
/// document that verifies here. Tag 18 or not, definite or indefinite arrays and maps, the payload keys in the
/// order sent (unknown ones included), each field's CBOR major type, length, head and offset, the signature as
/// r‖s with its S form, the protected header's entries, and the cabundle order with the entry that is a trusted root.
/// </summary>
/// <remarks>
/// Read from an <see cref="AttestationDocument"/>, so only well-formed documents have one; every offset counts from
/// the document's first byte (see <see cref="PayloadOffsetsAreJoined"/> for the one exception).
/// </remarks>
public sealed partial class AttestationStructure
{
    internal AttestationStructure()
    {
    }

    /// <summary>The document's length in bytes.</summary>
    public int Length { get; internal init; }

    /// <summary>Whether the envelope carried CBOR tag 18 (COSE_Sign1, <c>d2</c>); real NSMs send it untagged.</summary>
    public bool Tagged { get; internal init; }

    /// <summary>The tag item, when <see cref="Tagged"/>.</summary>
    public CborItemInfo? Tag { get; internal init; }

    /// <summary>The COSE_Sign1 array (<c>84</c>, or <c>9f … ff</c>).</summary>
    public required CborItemInfo Envelope { get; init; }

    /// <summary>The protected header byte string (<c>44 a1 01 38 22</c> from real NSMs).</summary>
    public required CborItemInfo ProtectedHeader { get; init; }

    /// <summary>The protected header's entries (<c>1: -35 (ES384)</c> from real NSMs).</summary>
    public required IReadOnlyList<StructureHeaderEntry> ProtectedHeaderEntries { get; init; }

    /// <summary>The unprotected header map (<c>a0</c>, empty, from real NSMs).</summary>
    public required CborItemInfo UnprotectedHeader { get; init; }

    /// <summary>The unprotected header's entries.</summary>
    public required IReadOnlyList<StructureHeaderEntry> UnprotectedHeaderEntries { get; init; }

    /// <summary>The payload byte string.</summary>
    public required CborItemInfo Payload { get; init; }

    /// <summary>
    /// Whether the payload byte string was chunked (indefinite-length): offsets of <see cref="PayloadMap"/> and
    /// <see cref="Fields"/> then count from the start of the joined payload, not of the document.
    /// </summary>
    public bool PayloadOffsetsAreJoined { get; internal init; }

    /// <summary>The payload map: definite (<c>a9</c>, 9 entries) until 2025, indefinite (<c>bf … ff</c>) since.</summary>
    public required CborItemInfo PayloadMap { get; init; }

    /// <summary>The payload entries in the order received, unknown keys included.</summary>
    public required IReadOnlyList<StructureField> Fields { get; init; }

    /// <summary>
    /// Whether the keys are in RFC 8949 §4.2.1 core deterministic order (bytewise order of their encodings). Real
    /// NSMs send module_id, digest, timestamp, … which is not, so a decoder insisting on it rejects every document.
    /// </summary>
    public bool KeysInDeterministicOrder { get; internal init; }

    /// <summary>Every item whose head does not use its shortest form, by path (e.g. <c>payload.nonce</c>); empty for real NSM documents.</summary>
    public required IReadOnlyList<string> NonShortestHeads { get; init; }

    /// <summary>The signature.</summary>
    public required StructureSignature Signature { get; init; }

    /// <summary>The cabundle in the order received; empty when absent or null.</summary>
    public required IReadOnlyList<StructureCaBundleEntry> CaBundle { get; init; }

    /// <summary>
    /// The cabundle entry that is byte-for-byte a trusted root, or <see langword="null"/> when none is. AWS puts the
    /// root at index 0 and the intermediates after it, so the chain is built from the end of the bundle to its start.
    /// </summary>
    public int? RootIndex { get; internal init; }
}
