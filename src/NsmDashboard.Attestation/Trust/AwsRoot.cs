using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

/// <summary>
/// The AWS Nitro Enclaves root G1, loaded once from the assembly's embedded resource and checked against its
/// published SHA-256 (docs/attestation-document.md#aws-root) before it is ever used as a trust anchor.
/// </summary>
internal static class AwsRoot
{
    /// <summary>SHA-256 of the root's DER (docs/attestation-document.md#aws-root; AWS's ZIP hash is a different number).</summary>
    public const string Sha256Hex = "641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b";

    private const string ResourceName = "NsmDashboard.Attestation.aws-nitro-enclaves-root-G1.der";

    private static readonly byte[] PinnedSha256 = Convert.FromHexString(Sha256Hex);

    private static readonly Lazy<AttestationTrustRoot> Root = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static AttestationTrustRoot Instance => Root.Value;

    /// <summary>Whether a certificate is the AWS root, by the SHA-256 of its DER.</summary>
    public static bool IsAws(X509Certificate2 certificate)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(certificate.RawDataMemory.Span, hash);
        return hash.SequenceEqual(PinnedSha256);
    }

    private static AttestationTrustRoot Load()
    {
        using var stream = typeof(AwsRoot).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from this build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var der = buffer.ToArray();
        var hash = SHA256.HashData(der);
        if (!hash.AsSpan().SequenceEqual(PinnedSha256))
        {
            throw new InvalidOperationException(
                $"The embedded AWS root has SHA-256 {Convert.ToHexStringLower(hash)}, not the pinned {Sha256Hex}; this build is corrupted.");
        }

        return AttestationTrustRoot.CreateAws(X509CertificateLoader.LoadCertificate(der));
    }
}
