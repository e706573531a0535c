using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests;

/// <summary>Trust roots: the embedded AWS root, user PEMs and the emulator's root (docs/attestation-document.md#aws-root, docs/attestation-verification.md#trust-roots).</summary>
public sealed class TrustRootTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nsm-attest-root-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Aws_root_is_embedded_and_pinned_by_its_sha256()
    {
        var root = AttestationTrustRoot.Aws;
        Assert.Equal(AttestationTrustRootKind.Aws, root.Kind);
        Assert.Equal("641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b", root.Sha256);
        Assert.Equal("CN=aws.nitro-enclaves, OU=AWS, O=Amazon, C=US", root.Subject);
        Assert.Equal(AwsVectors.AwsRootDer, root.Certificate.RawData);
        Assert.Equal(new DateTime(2049, 10, 28, 14, 28, 5, DateTimeKind.Utc), root.NotAfter);
        Assert.True(root.Matches(AwsVectors.AwsRootDer));
        Assert.Same(root, new AttestationVerifier().TrustRoot);
    }

    [Fact]
    public void Aws_root_given_as_pem_is_still_reported_as_aws()
    {
        Assert.Same(AttestationTrustRoot.Aws, AttestationTrustRoot.FromPem(AwsVectors.AwsRootPem, "mine"));
    }

    [Fact]
    public void Custom_pem_root_verifies_its_own_documents()
    {
        using var ca = TestCertificateAuthority.Create();
        var root = AttestationTrustRoot.FromPem(ca.Root.ExportCertificatePem());
        Assert.Equal(AttestationTrustRootKind.Custom, root.Kind);
        Assert.Equal(ca.Root.Subject, root.Name);

        var builder = TestDocumentBuilder.For(ca);
        using var key = ca.LeafKey;
        var result = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = root }).Verify(builder.Build(key), ca.ValidAt);
        Verdicts.AssertValid(result);
        Assert.False(result.IsRootedInAws);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a pem")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public void Bad_pem_gives_a_typed_error(string pem)
    {
        Assert.Throws<AttestationTrustRootException>(() => AttestationTrustRoot.FromPem(pem));
    }

    [Fact]
    public void Pem_with_two_certificates_is_refused()
    {
        using var ca = TestCertificateAuthority.Create();
        var pem = ca.Root.ExportCertificatePem() + "\n" + ca.Regional.ExportCertificatePem();
        var error = Assert.Throws<AttestationTrustRootException>(() => AttestationTrustRoot.FromPem(pem));
        Assert.Contains("more than one certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_pem_file_gives_a_typed_error()
    {
        Assert.Throws<AttestationTrustRootException>(() => AttestationTrustRoot.FromPemFile(Path.Combine(_directory, "absent.pem")));
        Assert.Throws<AttestationTrustRootException>(() => AttestationTrustRoot.FromEmulatorDirectory(_directory));
    }

    [Fact]
    public void Aws_root_can_never_be_pinned_as_an_emulator_root()
    {
        Assert.Throws<ArgumentException>(() => AttestationTrustRoot.Emulator(AttestationTrustRoot.Aws.Certificate));
        File.WriteAllText(Path.Combine(_directory, AttestationTrustRoot.EmulatorRootFileName), AwsVectors.AwsRootPem);
        Assert.Throws<AttestationTrustRootException>(() => AttestationTrustRoot.FromEmulatorDirectory(_directory));
    }

    [Fact]
    public void Emulator_root_file_name_is_the_one_the_emulator_writes()
    {
        Assert.Equal(EmulatorCertificateAuthority.RootCertificateFileName, AttestationTrustRoot.EmulatorRootFileName);
    }

    [Fact]
    public void Emulator_directory_root_is_an_emulator_root()
    {
        using var ca = TestCertificateAuthority.Create();
        File.WriteAllText(Path.Combine(_directory, AttestationTrustRoot.EmulatorRootFileName), ca.Root.ExportCertificatePem());
        var root = AttestationTrustRoot.FromEmulatorDirectory(_directory);
        Assert.Equal(AttestationTrustRootKind.Emulator, root.Kind);
        Assert.Equal("Emulator", root.Name);
        Assert.Equal(ca.Root.RawData, root.Certificate.RawData);
    }
}
