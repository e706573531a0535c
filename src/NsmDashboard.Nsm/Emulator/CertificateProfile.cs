using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// One level of the emulator's chain, shaped after the AWS chain seen in every real document
/// (docs/attestation-document.md#certificate-chain): lifetime, when to renew, basicConstraints and keyUsage.
/// </summary>
/// <param name="Role">What the level is, for messages.</param>
/// <param name="Lifetime">How long a certificate of this level is valid (clamped to its issuer's end).</param>
/// <param name="RenewBefore">A certificate is re-issued once less than this is left, so a fresh document stays verifiable for a while.</param>
/// <param name="IsCertificateAuthority">basicConstraints cA.</param>
/// <param name="PathLength">basicConstraints pathLenConstraint; null for none.</param>
/// <param name="KeyUsage">The keyUsage bits.</param>
/// <param name="KeyUsageCritical">Whether keyUsage is critical.</param>
internal sealed record CertificateProfile(
    string Role,
    TimeSpan Lifetime,
    TimeSpan RenewBefore,
    bool IsCertificateAuthority,
    int? PathLength,
    X509KeyUsageFlags KeyUsage,
    bool KeyUsageCritical)
{
    private const X509KeyUsageFlags CaUsage =
        X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign;

    /// <summary>The root: CA without pathLen (AWS's lives 30 years; ten are plenty here).</summary>
    public static CertificateProfile Root { get; } =
        new("root", TimeSpan.FromDays(3652), TimeSpan.Zero, true, null, CaUsage, true);

    /// <summary>The regional intermediate: ~20 days, pathLen 2.</summary>
    public static CertificateProfile Regional { get; } =
        new("regional", TimeSpan.FromDays(20), TimeSpan.FromDays(3), true, 2, CaUsage, true);

    /// <summary>The zonal intermediate: ~6 days, pathLen 1.</summary>
    public static CertificateProfile Zonal { get; } =
        new("zonal", TimeSpan.FromDays(6), TimeSpan.FromDays(1), true, 1, CaUsage, true);

    /// <summary>The instance intermediate: ~1 day, pathLen 0, keyCertSign only (as AWS's).</summary>
    public static CertificateProfile Instance { get; } =
        new("instance", TimeSpan.FromDays(1), TimeSpan.FromHours(4), true, 0, X509KeyUsageFlags.KeyCertSign, true);

    /// <summary>The enclave leaf: ~3 hours, CA=false (critical), digitalSignature + nonRepudiation (not critical, as AWS's).</summary>
    public static CertificateProfile Leaf { get; } =
        new("leaf", TimeSpan.FromHours(3), TimeSpan.FromMinutes(30), false, null,
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, false);

    /// <summary>The levels under the root, in issuing order (the order of <c>cabundle</c> after the root, then the leaf).</summary>
    public static IReadOnlyList<CertificateProfile> Chain { get; } = [Regional, Zonal, Instance, Leaf];
}
