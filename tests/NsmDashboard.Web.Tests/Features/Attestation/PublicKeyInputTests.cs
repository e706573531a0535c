using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Attestation;

public sealed class PublicKeyInputTests
{
    [Fact]
    public void A_PUBLIC_KEY_PEM_gives_its_DER_SubjectPublicKeyInfo()
    {
        // Arrange
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var spki = key.ExportSubjectPublicKeyInfo();

        // Act
        var ok = PublicKeyInput.TryParsePem(key.ExportSubjectPublicKeyInfoPem(), out var bytes, out var error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal(spki, bytes);
    }

    [Fact]
    public void An_RSA_PUBLIC_KEY_PEM_is_converted_to_SubjectPublicKeyInfo()
    {
        // Arrange
        using var rsa = RSA.Create(2048);

        // Act
        var ok = PublicKeyInput.TryParsePem(rsa.ExportRSAPublicKeyPem(), out var bytes, out var error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), bytes);
    }

    [Fact]
    public void A_certificate_gives_its_public_key()
    {
        // Arrange
        using var root = X509Certificate2.CreateFromPem(AwsVectors.AwsRootPem);

        // Act
        var ok = PublicKeyInput.TryParsePem(AwsVectors.AwsRootPem, out var bytes, out var error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal(root.PublicKey.ExportSubjectPublicKeyInfo(), bytes);
    }

    [Fact]
    public void A_private_key_is_refused_and_not_read()
    {
        // Arrange
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        // Act
        var ok = PublicKeyInput.TryParsePem(key.ExportPkcs8PrivateKeyPem(), out var bytes, out var error);

        // Assert
        Assert.False(ok);
        Assert.Empty(bytes);
        Assert.Contains("private key", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello", "No PEM block")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "not a DER SubjectPublicKeyInfo")]
    [InlineData("-----BEGIN FOO-----\nAAAA\n-----END FOO-----", "not a public key")]
    public void Text_that_is_not_a_public_key_is_refused_with_the_reason(string pem, string reason)
    {
        // Act
        var ok = PublicKeyInput.TryParsePem(pem, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DER_file_is_taken_as_SubjectPublicKeyInfo_or_certificate()
    {
        // Arrange
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var root = X509Certificate2.CreateFromPem(AwsVectors.AwsRootPem);

        // Act
        var spkiOk = PublicKeyInput.TryParseFile(key.ExportSubjectPublicKeyInfo(), out var spki, out _);
        var certOk = PublicKeyInput.TryParseFile(root.RawData, out var fromCert, out _);
        var junkOk = PublicKeyInput.TryParseFile([0x30, 0x03, 0x02, 0x01, 0x00], out _, out var junkError);
        var emptyOk = PublicKeyInput.TryParseFile([], out _, out var emptyError);

        // Assert
        Assert.True(spkiOk);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), spki);
        Assert.True(certOk);
        Assert.Equal(root.PublicKey.ExportSubjectPublicKeyInfo(), fromCert);
        Assert.False(junkOk);
        Assert.Contains("neither a SubjectPublicKeyInfo nor an X.509 certificate", junkError, StringComparison.Ordinal);
        Assert.False(emptyOk);
        Assert.Equal("The file is empty.", emptyError);
    }
}
