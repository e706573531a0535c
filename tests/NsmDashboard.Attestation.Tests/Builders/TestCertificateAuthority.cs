using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation.Tests.Builders;

/// <summary>
/// A P-384 chain shaped like AWS's (docs/attestation-document.md#certificate-chain): root (CA, no pathLen) → regional (pathLen 2) → zonal
/// (pathLen 1) → instance (pathLen 0, keyCertSign) → leaf (CA=false, digitalSignature), every key P-384 and every
/// signature ecdsa-with-SHA384. Built fresh in memory for tests; never an AWS chain.
/// </summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    /// <summary>Where every certificate's validity starts.</summary>
    public static readonly DateTimeOffset Epoch = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TestCertificateAuthority(X509Certificate2 root, X509Certificate2 regional, X509Certificate2 zonal, X509Certificate2 instance, X509Certificate2 leaf)
    {
        Root = root;
        Regional = regional;
        Zonal = zonal;
        Instance = instance;
        Leaf = leaf;
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Regional { get; }

    public X509Certificate2 Zonal { get; }

    public X509Certificate2 Instance { get; }

    /// <summary>The signing certificate; it has its private key.</summary>
    public X509Certificate2 Leaf { get; }

    /// <summary>A time at which every certificate of the chain is valid.</summary>
    public DateTimeOffset ValidAt => Epoch.AddHours(1);

    /// <summary>cabundle order: root first.</summary>
    public IReadOnlyList<byte[]> CaBundle => [Root.RawData, Regional.RawData, Zonal.RawData, Instance.RawData];

    /// <summary>The leaf's private key (the caller disposes it).</summary>
    public ECDsa LeafKey => Leaf.GetECDsaPrivateKey()!;

    /// <summary>Builds a chain.</summary>
    /// <param name="rootName">The root's subject; the default names a test root. AWS's name makes a look-alike.</param>
    /// <param name="leafIsCa">Break the leaf's constraints (CA=true), for constraint tests.</param>
    /// <param name="regionalPathLength">The regional CA's pathLen (AWS: 2; less breaks the chain's constraints).</param>
    /// <param name="rootKeyIdentifiers">Whether the intermediates carry authority key ids.</param>
    public static TestCertificateAuthority Create(
        string rootName = "CN=test.nitro-enclaves, O=NsmDashboard Tests, OU=NOT AWS, C=US",
        bool leafIsCa = false,
        int regionalPathLength = 2,
        bool rootKeyIdentifiers = true)
    {
        var root = CreateRoot(rootName);
        var regional = Issue(root, "CN=0123456789abcdef.test-1.test.nitro-enclaves, O=NsmDashboard Tests, OU=NOT AWS, C=US", regionalPathLength, TimeSpan.FromDays(20), rootKeyIdentifiers);
        var zonal = Issue(regional, "CN=fedcba9876543210.zonal.test-1.test.nitro-enclaves, O=NsmDashboard Tests, OU=NOT AWS, C=US", 1, TimeSpan.FromDays(5), true);
        var instance = Issue(zonal, "CN=i-0123456789abcdef0.test-1.test.nitro-enclaves, O=NsmDashboard Tests, OU=NOT AWS, C=US", 0, TimeSpan.FromDays(1), false);
        var leaf = IssueLeaf(instance, leafIsCa);
        return new TestCertificateAuthority(root, regional, zonal, instance, leaf);
    }

    public static X509Certificate2 CreateRoot(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        return request.CreateSelfSigned(Epoch.AddYears(-1), Epoch.AddYears(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string name, int pathLength, TimeSpan lifetime, bool authorityKeyId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, true));
        if (authorityKeyId)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            pathLength == 0 ? X509KeyUsageFlags.KeyCertSign : X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature,
            true));
        using var issued = request.Create(issuer, Epoch.AddHours(-1), Epoch + lifetime, RandomSerial());
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 IssueLeaf(X509Certificate2 issuer, bool isCa)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=i-0123456789abcdef0-enc0123456789abcdef.test-1.test, O=NsmDashboard Tests, OU=NOT AWS, C=US", key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, false));
        using var issued = request.Create(issuer, Epoch, Epoch.AddHours(3), RandomSerial());
        return issued.CopyWithPrivateKey(key);
    }

    private static byte[] RandomSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7f) | 0x01); // positive, no leading zero byte
        return serial;
    }

    public void Dispose()
    {
        Root.Dispose();
        Regional.Dispose();
        Zonal.Dispose();
        Instance.Dispose();
        Leaf.Dispose();
    }
}
