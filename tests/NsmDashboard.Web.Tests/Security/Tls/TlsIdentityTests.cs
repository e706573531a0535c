using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NsmDashboard.Web.Security.Tls;

namespace NsmDashboard.Web.Tests.Security.Tls;

public sealed class TlsIdentityTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly TimeProvider _time = new FixedTime(Now);
    private readonly string _directory = Directory.CreateTempSubdirectory("nsm-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_generated_certificate_is_self_signed_P384_for_the_server_with_loopback_names()
    {
        // Act
        using var identity = TlsIdentity.Generate(["enclave.example", "10.0.0.7"], TimeSpan.FromDays(30), _time);

        // Assert
        var certificate = identity.Certificate;
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal("CN=nsm-dashboard", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        using (var key = certificate.GetECDsaPublicKey())
        {
            Assert.NotNull(key);
            Assert.Equal(384, key.KeySize);
        }

        Assert.Equal("1.2.840.10045.4.3.3", certificate.SignatureAlgorithm.Value); // ecdsa-with-SHA384
        var eku = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal("1.3.6.1.5.5.7.3.1", Assert.Single(eku.EnhancedKeyUsages.Cast<Oid>()).Value);
        Assert.False(Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
        var san = Assert.Single(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["localhost", "enclave.example"], san.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("10.0.0.7")], san.EnumerateIPAddresses());
        Assert.Equal(["localhost", "enclave.example", "127.0.0.1", "::1", "10.0.0.7"], identity.Names);
        Assert.Equal(Now.AddDays(30), identity.NotAfter);
        Assert.True(identity.NotBefore < Now);
    }

    [Fact]
    public void The_bound_values_are_the_SPKI_and_the_SHA384_of_the_DER()
    {
        // Act
        using var identity = TlsIdentity.Generate([], TimeSpan.FromDays(1), _time);

        // Assert
        Assert.Equal(identity.Certificate.RawData, identity.Der);
        Assert.Equal(identity.Certificate.PublicKey.ExportSubjectPublicKeyInfo(), identity.SubjectPublicKeyInfo);
        Assert.Equal(120, identity.SubjectPublicKeyInfo.Length); // P-384 SubjectPublicKeyInfo
        Assert.Equal(SHA384.HashData(identity.Der), identity.CertificateSha384);
        Assert.Equal(Convert.ToHexStringLower(SHA384.HashData(identity.SubjectPublicKeyInfo)), identity.SubjectPublicKeyInfoSha384Hex);
    }

    [Fact]
    public void Every_start_makes_a_new_key()
    {
        using var first = TlsIdentity.Generate([], TimeSpan.FromDays(1), _time);
        using var second = TlsIdentity.Generate([], TimeSpan.FromDays(1), _time);
        Assert.NotEqual(first.SubjectPublicKeyInfo, second.SubjectPublicKeyInfo);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("-leading.example")]
    [InlineData("https://host")]
    [InlineData("")]
    public void A_name_that_is_neither_DNS_nor_IP_is_refused_with_the_setting(string name)
    {
        var error = Assert.Throws<TlsCertificateException>(() => TlsIdentity.Generate([name], TimeSpan.FromDays(1), _time));
        Assert.StartsWith("NsmDashboard:Tls:Names:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_a_PEM_certificate_and_its_key_from_two_files()
    {
        // Arrange
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var made = SelfSigned(key, Now.AddDays(-1), Now.AddDays(10));
        var (certificatePath, keyPath) = Write(made.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());

        // Act
        using var identity = TlsIdentity.Load(certificatePath, keyPath, _time);

        // Assert
        Assert.True(identity.Certificate.HasPrivateKey);
        Assert.Equal(made.RawData, identity.Der);
        Assert.Equal("CN=loaded.example", identity.Subject);
        Assert.StartsWith("loaded from ", identity.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_a_certificate_whose_key_follows_it_in_the_same_file()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var made = SelfSigned(key, Now.AddDays(-1), Now.AddDays(10));
        var (certificatePath, _) = Write(made.ExportCertificatePem() + "\n" + key.ExportECPrivateKeyPem(), "unused");

        using var identity = TlsIdentity.Load(certificatePath, null, _time);

        Assert.Equal(made.RawData, identity.Der);
    }

    [Fact]
    public void Bad_PEM_is_a_clear_error_naming_the_settings()
    {
        var (certificatePath, keyPath) = Write("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n", "garbage");

        var error = Assert.Throws<TlsCertificateException>(() => TlsIdentity.Load(certificatePath, keyPath, _time));

        Assert.StartsWith("NsmDashboard:Tls:CertificatePath/KeyPath:", error.Message, StringComparison.Ordinal);
        Assert.Contains(certificatePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_does_not_match_the_certificate_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var made = SelfSigned(key, Now.AddDays(-1), Now.AddDays(10));
        var (certificatePath, keyPath) = Write(made.ExportCertificatePem(), other.ExportPkcs8PrivateKeyPem());

        var error = Assert.Throws<TlsCertificateException>(() => TlsIdentity.Load(certificatePath, keyPath, _time));

        Assert.Contains("matching private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_P384_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var made = SelfSigned(key, Now.AddDays(-1), Now.AddDays(10));
        var (certificatePath, keyPath) = Write(made.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());

        var error = Assert.Throws<TlsCertificateException>(() => TlsIdentity.Load(certificatePath, keyPath, _time));

        Assert.Contains("ECDSA P-256", error.Message, StringComparison.Ordinal);
        Assert.Contains("P-384", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var made = SelfSigned(key, Now.AddDays(-30), Now.AddDays(-1));
        var (certificatePath, keyPath) = Write(made.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());

        var error = Assert.Throws<TlsCertificateException>(() => TlsIdentity.Load(certificatePath, keyPath, _time));

        Assert.EndsWith("not now.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var missing = Path.Combine(_directory, "missing.pem");

        var error = Assert.Throws<TlsCertificateException>(() => TlsIdentity.Load(missing, null, _time));

        Assert.Equal($"NsmDashboard:Tls:CertificatePath '{missing}' does not exist.", error.Message);
    }

    private static X509Certificate2 SelfSigned(ECDsa key, DateTimeOffset from, DateTimeOffset to) =>
        new CertificateRequest("CN=loaded.example", key, HashAlgorithmName.SHA384).CreateSelfSigned(from, to);

    private (string Certificate, string Key) Write(string certificatePem, string keyPem)
    {
        var certificatePath = Path.Combine(_directory, "tls.crt.pem");
        var keyPath = Path.Combine(_directory, "tls.key.pem");
        File.WriteAllText(certificatePath, certificatePem);
        File.WriteAllText(keyPath, keyPem);
        return (certificatePath, keyPath);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
