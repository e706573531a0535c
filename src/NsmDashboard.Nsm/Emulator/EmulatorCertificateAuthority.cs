using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// The emulator's own P-384 certificate chain, shaped like AWS's (docs/emulator.md#certificate-authority): a root, then
/// regional (pathLen 2), zonal (pathLen 1) and instance (pathLen 0) intermediates, and a ~3-hour enclave
/// leaf that signs attestation documents. Every subject says "NsmDashboard Emulator / NOT AWS": a verifier
/// must pin <see cref="RootCertificate"/> in emulator mode, never trust it as AWS's.
/// </summary>
/// <remarks>
/// Intermediates and the leaf are made on first use and re-issued (with new keys) when they are about to
/// expire relative to the configured <see cref="TimeProvider"/>. The root is made per instance, or
/// loaded from / written to a directory so it survives restarts (see <see cref="RootCertificateFileName"/>).
/// Thread-safe.
/// </remarks>
public sealed partial class EmulatorCertificateAuthority : IDisposable
{
    /// <summary>The common name of a newly made root.</summary>
    public const string RootCommonName = "emulator.nitro-enclaves";

    // Stands where AWS puts the region in intermediate and leaf names (<id>.us-east-1.aws.nitro-enclaves).
    private const string Region = "local";

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly string _moduleId;
    private readonly string _instanceId;
    private readonly IssuedCertificate _root;

    // Regional, zonal, instance, leaf: CertificateProfile.Chain order.
    private readonly IssuedCertificate?[] _chain = new IssuedCertificate?[4];
    private SigningChain? _current;
    private bool _disposed;

    /// <summary>Creates the authority for one emulated enclave.</summary>
    /// <param name="moduleId">The enclave's module id (<c>i-…-enc…</c>); names the instance certificate and the leaf.</param>
    /// <param name="directory">Where to load the root from, or create it in; <see langword="null"/> for a root of this instance only.</param>
    /// <param name="timeProvider">The clock for certificate lifetimes; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="moduleId"/> is not a Nitro module id.</exception>
    /// <exception cref="EmulatorCertificateAuthorityException">The root in <paramref name="directory"/> cannot be loaded or written.</exception>
    public EmulatorCertificateAuthority(string moduleId, string? directory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(moduleId);
        if (!EmulatorIdentifiers.TryParseModuleId(moduleId, out var instanceId))
        {
            throw new ArgumentException($"'{moduleId}' is not a Nitro module id (i-<17 hex>-enc<16 hex>).", nameof(moduleId));
        }

        _moduleId = moduleId;
        _instanceId = instanceId;
        _timeProvider = timeProvider ?? TimeProvider.System;
        Directory = directory is null ? null : Path.GetFullPath(directory);
        _root = Directory is null
            ? CertificateIssuer.IssueRoot(RootCommonName, _timeProvider.GetUtcNow())
            : LoadOrCreateRoot(Directory, _timeProvider.GetUtcNow());
        RootCertificate = _root.Certificate;
    }

    /// <summary>
    /// The root certificate (public part only) — what a verifier pins in emulator mode. Owned by this
    /// authority: do not dispose it; export it (<see cref="X509Certificate2.ExportCertificatePem"/>) to keep it.
    /// </summary>
    public X509Certificate2 RootCertificate { get; }

    /// <summary>The full path of the directory the root was loaded from or written to; <see langword="null"/> when per process.</summary>
    public string? Directory { get; }

    /// <summary>
    /// The chain that signs a document made at <paramref name="now"/>: issues or renews certificates whose
    /// remaining life is too short, so the leaf is valid at <paramref name="now"/> and for a while after.
    /// </summary>
    /// <exception cref="EmulatorCertificateAuthorityException">The root itself is not valid at <paramref name="now"/>.</exception>
    internal SigningChain GetSigningChain(DateTimeOffset now)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_root.IsFreshAt(now, CertificateProfile.Leaf.RenewBefore))
            {
                throw new EmulatorCertificateAuthorityException(
                    $"The emulator root is valid {_root.NotBefore:u} to {_root.NotAfter:u}, which does not cover {now:u} "
                    + "and the following half hour; "
                    + (Directory is null
                        ? "check the emulator's clock."
                        : $"delete {RootCertificateFileName} and {RootKeyFileName} in {Directory} to make a new root, and re-pin it."));
            }

            var issuer = _root;
            var renewed = _current is null;
            for (var level = 0; level < _chain.Length; level++)
            {
                var profile = CertificateProfile.Chain[level];
                var certificate = _chain[level];

                // A renewed issuer means a new key above: everything below must be re-issued under it.
                if (renewed || certificate is null || !certificate.IsFreshAt(now, profile.RenewBefore))
                {
                    // Replaced certificates are not disposed here: a document being signed on another thread
                    // may still hold the previous chain. Their keys are freed when collected.
                    certificate = CertificateIssuer.Issue(issuer, profile, CommonName(profile), now);
                    _chain[level] = certificate;
                    renewed = true;
                }

                issuer = certificate;
            }

            if (renewed)
            {
                _current = new SigningChain(
                    _chain[3]!,
                    [_root.Der, _chain[0]!.Der, _chain[1]!.Der, _chain[2]!.Der]);
            }

            return _current!;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var certificate in _chain)
            {
                certificate?.Dispose();
            }

            _root.Dispose();
        }
    }

    private string CommonName(CertificateProfile profile)
    {
        // AWS: <16 hex>.<region>.aws.nitro-enclaves, <16 hex>.zonal.<region>.aws.nitro-enclaves,
        // i-<id>.<region>.aws.nitro-enclaves, i-<id>-enc<id>.<region>.aws (docs/attestation-document.md#certificate-chain).
        if (ReferenceEquals(profile, CertificateProfile.Regional))
        {
            return $"{RandomLabel()}.{Region}.emulator.nitro-enclaves";
        }

        if (ReferenceEquals(profile, CertificateProfile.Zonal))
        {
            return $"{RandomLabel()}.zonal.{Region}.emulator.nitro-enclaves";
        }

        return ReferenceEquals(profile, CertificateProfile.Instance)
            ? $"{_instanceId}.{Region}.emulator.nitro-enclaves"
            : $"{_moduleId}.{Region}.emulator";
    }

    private static string RandomLabel() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
