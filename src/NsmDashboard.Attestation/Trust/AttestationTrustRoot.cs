using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;

namespace NsmDashboard.Attestation;

/// <summary>
/// The root certificate a verifier pins: the document's <c>cabundle[0]</c> must be this certificate byte for
/// byte (docs/attestation-verification.md#root-pinned) — a root is never trusted because the bundle contains it.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; the certificate is a private copy. <see cref="Aws"/> is the default. A root whose
/// bytes are AWS's is always reported as <see cref="AttestationTrustRootKind.Aws"/> (whatever way it was loaded),
/// and no other root ever is, so a document from the emulator can never be reported as rooted in AWS.
/// </remarks>
public sealed partial class AttestationTrustRoot
{
    private readonly byte[] _sha256;

    // This root's facts as cabundle[0] of a bundle of a given size (see AsBundleRoot).
    private BundleRoot? _bundleRoot;

    private AttestationTrustRoot(AttestationTrustRootKind kind, string name, X509Certificate2 certificate)
    {
        Kind = kind;
        Name = name;
        Certificate = certificate;
        _sha256 = SHA256.HashData(certificate.RawDataMemory.Span);
        Sha256 = Convert.ToHexStringLower(_sha256);
        Subject = certificate.Subject;
        NotBefore = certificate.NotBefore.ToUniversalTime();
        NotAfter = certificate.NotAfter.ToUniversalTime();
    }

    /// <summary>The AWS Nitro Enclaves root G1 (the default root of every verifier).</summary>
    /// <exception cref="InvalidOperationException">The embedded certificate does not have the pinned SHA-256 (a corrupted build).</exception>
    public static AttestationTrustRoot Aws => AwsRoot.Instance;

    /// <summary>What kind of root this is.</summary>
    public AttestationTrustRootKind Kind { get; }

    /// <summary>A display name: <c>AWS Nitro Enclaves Root G1</c>, <c>Emulator</c>, or the name given.</summary>
    public string Name { get; }

    /// <summary>The root's subject distinguished name.</summary>
    public string Subject { get; }

    /// <summary>The SHA-256 of the root's DER, lowercase hex (the pin shown in evidence).</summary>
    public string Sha256 { get; }

    /// <summary>Start of the root's validity (UTC).</summary>
    public DateTime NotBefore { get; }

    /// <summary>End of the root's validity (UTC).</summary>
    public DateTime NotAfter { get; }

    /// <summary>The root certificate (shared; do not dispose).</summary>
    [JsonIgnore]
    public X509Certificate2 Certificate { get; }

    internal ReadOnlySpan<byte> Sha256Bytes => _sha256;

    /// <summary>Loads a root from PEM text holding exactly one certificate.</summary>
    /// <param name="pem">The PEM text (<c>-----BEGIN CERTIFICATE-----</c> …).</param>
    /// <param name="name">A display name; default: the certificate's subject.</param>
    /// <exception cref="AttestationTrustRootException">The text does not hold exactly one valid certificate.</exception>
    public static AttestationTrustRoot FromPem(string pem, string? name = null) =>
        Create(AttestationTrustRootKind.Custom, ReadPem(pem, "the PEM text"), name);

    /// <summary>Uses a certificate as the root (the certificate is copied; the caller keeps ownership of its instance).</summary>
    /// <param name="certificate">The root certificate.</param>
    /// <param name="name">A display name; default: the certificate's subject.</param>
    public static AttestationTrustRoot FromCertificate(X509Certificate2 certificate, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Create(AttestationTrustRootKind.Custom, X509CertificateLoader.LoadCertificate(certificate.RawDataMemory.Span), name);
    }

    /// <summary>Pins the emulator's root certificate (from <c>EmulatorCertificateAuthority.RootCertificate</c>).</summary>
    /// <param name="root">The emulator's root (copied).</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> is the AWS root, which no emulator can hold.</exception>
    public static AttestationTrustRoot Emulator(X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var copy = X509CertificateLoader.LoadCertificate(root.RawDataMemory.Span);
        if (AwsRoot.IsAws(copy))
        {
            copy.Dispose();
            throw new ArgumentException("The AWS root cannot be pinned as an emulator root.", nameof(root));
        }

        return new AttestationTrustRoot(AttestationTrustRootKind.Emulator, EmulatorName, copy);
    }

    /// <summary>Pins the emulator root stored in a directory as <see cref="EmulatorRootFileName"/> (the emulator writes it there).</summary>
    /// <param name="directory">The emulator's CA directory.</param>
    /// <exception cref="AttestationTrustRootException">The file is missing, unreadable, or not one certificate; or it is the AWS root.</exception>
    public static AttestationTrustRoot FromEmulatorDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, EmulatorRootFileName);
        var certificate = ReadPem(ReadFile(path), path);
        if (AwsRoot.IsAws(certificate))
        {
            certificate.Dispose();
            throw new AttestationTrustRootException($"{path} holds the AWS root, which no emulator can hold.");
        }

        return new AttestationTrustRoot(AttestationTrustRootKind.Emulator, EmulatorName, certificate);
    }

    /// <summary>Loads a root from a PEM file holding exactly one certificate.</summary>
    /// <exception cref="AttestationTrustRootException">The file is missing, unreadable, or does not hold exactly one certificate.</exception>
    public static AttestationTrustRoot FromPemFile(string path, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Create(AttestationTrustRootKind.Custom, ReadPem(ReadFile(path), path), name ?? Path.GetFileName(path));
    }

    /// <summary>
    /// This root as <c>cabundle[0]</c> of a bundle of <paramref name="bundleCount"/> certificates: its facts (names,
    /// validity, constraints against the CAs below it) depend on the pinned certificate and the bundle size only, so
    /// they are worked out once per size instead of for every document. The certificate itself was parsed when the
    /// root was loaded; a document's bundle only ever reaches this after matching the root byte for byte.
    /// </summary>
    /// <exception cref="CryptographicException">The root has content that cannot be decoded (a user-supplied root).</exception>
    /// <exception cref="System.Formats.Asn1.AsnContentException">Likewise.</exception>
    internal ChainCertificate AsBundleRoot(int bundleCount)
    {
        // AWS bundles always hold 4 certificates, so remembering the last size is enough; a race only recomputes.
        if (Volatile.Read(ref _bundleRoot) is { } known && known.BundleCount == bundleCount)
        {
            return known.Certificate;
        }

        var created = ChainCertificate.Create(Certificate, 0, bundleCount);
        Volatile.Write(ref _bundleRoot, new BundleRoot(bundleCount, created));
        return created;
    }

    /// <summary>Whether <paramref name="der"/> is this root, byte for byte.</summary>
    public bool Matches(ReadOnlySpan<byte> der) => der.SequenceEqual(Certificate.RawDataMemory.Span);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Kind}, SHA-256 {Sha256})";

    private sealed record BundleRoot(int BundleCount, ChainCertificate Certificate);
}
