namespace NsmDashboard.Attestation;

/// <summary>One entry of a COSE header map: its label as written and what its value is.</summary>
/// <param name="Label">The label: an integer (<c>1</c>, <c>-7</c>) or a quoted text label.</param>
/// <param name="Value">The value for people, e.g. <c>-35 (ES384)</c>, or its type and hex.</param>
/// <param name="Item">How the value was encoded.</param>
public sealed record StructureHeaderEntry(string Label, string Value, CborItemInfo Item);

/// <summary>One element of an array, or one entry of a map, inside a payload field (a PCR, a cabundle certificate).</summary>
/// <param name="Label">The position: <c>[2]</c> in an array, the key (<c>4</c>) in a map.</param>
/// <param name="Item">How the element (for a map: the value) was encoded.</param>
public sealed record StructureElement(string Label, CborItemInfo Item);

/// <summary>One entry of the payload map, in the order it was received.</summary>
/// <param name="Key">The text key.</param>
/// <param name="Known">Whether the decoder knows the key; unknown keys are kept and ignored by the verifier.</param>
/// <param name="KeyItem">How the key was encoded.</param>
/// <param name="Value">How the value was encoded (type, length, definite or not).</param>
/// <param name="Elements">The elements of an array value or entries of a map value (empty otherwise).</param>
public sealed record StructureField(string Key, bool Known, CborItemInfo KeyItem, CborItemInfo Value, IReadOnlyList<StructureElement> Elements);

/// <summary>
/// The COSE signature as ES384 defines it (RFC 9053 §2.1): r‖s, 48 bytes each, not DER. An ECDSA signature (r, s)
/// and (r, n − s) are equally valid; some verifiers accept only the low-S form (s ≤ n/2), the NSM does not normalise.
/// </summary>
/// <param name="Length">Bytes of the signature (96 for ES384).</param>
/// <param name="R">r in hex, when the length is 96.</param>
/// <param name="S">s in hex, when the length is 96.</param>
/// <param name="HighS">Whether s &gt; n/2 with n the order of P-384; <see langword="null"/> when the length is not 96.</param>
/// <param name="Item">How the signature byte string was encoded.</param>
public sealed record StructureSignature(int Length, string? R, string? S, bool? HighS, CborItemInfo Item);

/// <summary>One certificate of the <c>cabundle</c>, in the order received (AWS puts the root first).</summary>
/// <param name="Index">Position in the bundle.</param>
/// <param name="Length">DER length in bytes.</param>
/// <param name="Sha256">SHA-256 of the DER, hex.</param>
/// <param name="Subject">The subject, or <see langword="null"/> when the bytes are not a certificate.</param>
/// <param name="Issuer">The issuer, or <see langword="null"/> when the bytes are not a certificate.</param>
/// <param name="SelfIssued">Whether subject equals issuer (a root names itself).</param>
/// <param name="TrustedRoot">The name of the trusted root whose bytes this entry is, or <see langword="null"/>.</param>
public sealed record StructureCaBundleEntry(int Index, int Length, string Sha256, string? Subject, string? Issuer, bool SelfIssued, string? TrustedRoot);
