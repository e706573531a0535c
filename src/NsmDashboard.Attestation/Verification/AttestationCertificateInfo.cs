namespace NsmDashboard.Attestation;

/// <summary>What a verification saw of one certificate of the path (for pages and JSON; no key material).</summary>
public sealed record AttestationCertificateInfo
{
    /// <summary>Leaf, intermediate or root.</summary>
    public required AttestationCertificateRole Role { get; init; }

    /// <summary>The index in <c>cabundle</c>; <see langword="null"/> for the leaf.</summary>
    public required int? BundleIndex { get; init; }

    /// <summary>Subject distinguished name.</summary>
    public required string Subject { get; init; }

    /// <summary>Issuer distinguished name.</summary>
    public required string Issuer { get; init; }

    /// <summary>Serial number, hex.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>Start of validity (UTC).</summary>
    public required DateTimeOffset NotBefore { get; init; }

    /// <summary>End of validity (UTC).</summary>
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>SHA-256 of the DER, lowercase hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Length of the DER in bytes.</summary>
    public required int DerLength { get; init; }

    /// <summary>Whether basic constraints say CA=true.</summary>
    public required bool IsCertificateAuthority { get; init; }

    /// <summary>The basic-constraints path length, when one is set.</summary>
    public required int? PathLengthConstraint { get; init; }

    /// <summary>The key usage bits, e.g. <c>DigitalSignature, KeyCertSign</c>; <c>none</c> without the extension.</summary>
    public required string KeyUsage { get; init; }

    /// <summary>The subject key, e.g. <c>EC P-384</c>.</summary>
    public required string PublicKey { get; init; }

    /// <summary>The signature algorithm, e.g. <c>ecdsa-with-SHA384</c>.</summary>
    public required string SignatureAlgorithm { get; init; }

    /// <summary>A short label for evidence: <c>leaf</c>, <c>cabundle[3]</c>, …</summary>
    public string Label => BundleIndex is { } index ? $"cabundle[{index}]" : "leaf";
}
