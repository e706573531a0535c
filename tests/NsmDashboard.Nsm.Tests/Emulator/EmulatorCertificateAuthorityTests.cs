using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NsmDashboard.Nsm.Emulator;
using static NsmDashboard.Nsm.Tests.Emulator.EmulatorTestKit;

namespace NsmDashboard.Nsm.Tests.Emulator;

/// <summary>The emulator's chain is shaped like AWS's (docs/emulator.md#certificate-authority), renews itself and persists its root.</summary>
public sealed class EmulatorCertificateAuthorityTests : IDisposable
{
    private const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> AttributeNames = new()
    {
        ["2.5.4.6"] = "C",
        ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU",
        ["2.5.4.3"] = "CN",
    };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nsm-emulator-ca-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Chain_is_root_regional_zonal_instance_then_leaf_with_AWS_constraints()
    {
        var clock = new ManualTimeProvider(Start);
        using var emulator = Create(o => o.TimeProvider = clock);
        var document = AttestationDocumentReader.Read(Attest(emulator));
        X509Certificate2[] certificates = [.. document.CaBundle.Select(X509CertificateLoader.LoadCertificate), X509CertificateLoader.LoadCertificate(document.Certificate)];
        try
        {
            // (isCA, pathLen or -1 for none, lifetime) for root, regional, zonal, instance, leaf.
            (bool Ca, int PathLength, TimeSpan Lifetime)[] expected =
            [
                (true, -1, TimeSpan.FromDays(3652)),
                (true, 2, TimeSpan.FromDays(20)),
                (true, 1, TimeSpan.FromDays(6)),
                (true, 0, TimeSpan.FromDays(1)),
                (false, -1, TimeSpan.FromHours(3)),
            ];
            for (var i = 0; i < certificates.Length; i++)
            {
                var certificate = certificates[i];
                var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
                Assert.True(constraints.Critical);
                Assert.Equal(expected[i].Ca, constraints.CertificateAuthority);
                Assert.Equal(expected[i].PathLength >= 0, constraints.HasPathLengthConstraint);
                if (expected[i].PathLength >= 0)
                {
                    Assert.Equal(expected[i].PathLength, constraints.PathLengthConstraint);
                }

                Assert.Equal(EcdsaWithSha384, certificate.SignatureAlgorithm.Value);
                using var key = certificate.GetECDsaPublicKey()!;
                Assert.Equal(384, key.KeySize);
                Assert.Equal(expected[i].Lifetime, certificate.NotAfter.ToUniversalTime() - certificate.NotBefore.ToUniversalTime());
                Assert.Contains("OU=NOT AWS", certificate.Subject, StringComparison.Ordinal);
                Assert.Contains("O=NsmDashboard Emulator", certificate.Subject, StringComparison.Ordinal);
                if (i > 0)
                {
                    Assert.Equal(certificates[i - 1].Subject, certificate.Issuer);
                    Assert.NotNull(certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().SingleOrDefault());
                }
            }

            // The root's attributes in the encoded order of AWS's root: C, O, OU, CN.
            Assert.Equal(
                ["C=US", "O=NsmDashboard Emulator", "OU=NOT AWS", "CN=emulator.nitro-enclaves"],
                certificates[0].SubjectName.EnumerateRelativeDistinguishedNames(reversed: false)
                    .Select(rdn => $"{AttributeNames[rdn.GetSingleElementType().Value!]}={rdn.GetSingleElementValue()}"));
            Assert.Contains($"CN={ModuleId}.", certificates[4].Subject, StringComparison.Ordinal);
            var leafUsage = certificates[4].Extensions.OfType<X509KeyUsageExtension>().Single();
            Assert.True(leafUsage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature));
            Assert.True(certificates[3].Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));

            // The document time lies inside the leaf's first minutes, as with real leaves.
            Assert.InRange(document.Time, certificates[4].NotBefore.ToUniversalTime(), certificates[4].NotBefore.ToUniversalTime().AddMinutes(2));
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    [Fact]
    public void Leaf_is_reissued_near_expiry_and_the_new_chain_verifies_at_its_time()
    {
        var clock = new ManualTimeProvider(Start);
        using var emulator = Create(o => o.TimeProvider = clock);
        var first = AttestationDocumentReader.Read(Attest(emulator));

        clock.Now = Start.AddHours(2);
        var second = AttestationDocumentReader.Read(Attest(emulator));
        clock.Now = Start.AddHours(3);
        var third = AttestationDocumentReader.Read(Attest(emulator));

        Assert.Equal(first.Certificate, second.Certificate);
        Assert.NotEqual(first.Certificate, third.Certificate);
        Assert.Equal(first.CaBundle, third.CaBundle);
        Assert.True(third.SignatureVerifies());
        Assert.True(third.BuildChain(emulator.CertificateAuthority.RootCertificate).Built);

        // The old leaf has expired by then: its document no longer verifies at the new time.
        Assert.False(first.BuildChain(emulator.CertificateAuthority.RootCertificate, clock.Now.UtcDateTime).Built);
    }

    [Fact]
    public void Intermediates_renew_as_they_age_and_the_root_stays()
    {
        var clock = new ManualTimeProvider(Start);
        using var emulator = Create(o => o.TimeProvider = clock);
        var first = AttestationDocumentReader.Read(Attest(emulator));

        clock.Now = Start.AddDays(30);
        var later = AttestationDocumentReader.Read(Attest(emulator));

        Assert.Equal(first.CaBundle[0], later.CaBundle[0]);
        Assert.NotEqual(first.CaBundle[1], later.CaBundle[1]);
        Assert.True(later.BuildChain(emulator.CertificateAuthority.RootCertificate).Built);
    }

    [Fact]
    public void Root_is_written_to_the_directory_and_reloaded_unchanged()
    {
        using var first = Create(o => o.CertificateAuthorityDirectory = _directory);
        using var second = Create(o => o.CertificateAuthorityDirectory = _directory);
        using var pinned = EmulatorCertificateAuthority.LoadRootCertificate(_directory);

        Assert.Equal(first.CertificateAuthority.RootCertificate.RawData, second.CertificateAuthority.RootCertificate.RawData);
        Assert.Equal(first.CertificateAuthority.RootCertificate.RawData, pinned.RawData);
        Assert.False(pinned.HasPrivateKey);

        // A document of the second emulator verifies against the root pinned from the first one's files.
        var document = AttestationDocumentReader.Read(Attest(second));
        Assert.True(document.BuildChain(pinned).Built);
        Assert.Contains("BEGIN PRIVATE KEY", File.ReadAllText(Path.Combine(_directory, EmulatorCertificateAuthority.RootKeyFileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Root_key_file_is_readable_by_the_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes do not apply on Windows.");
        }
        else
        {
            using var emulator = Create(o => o.CertificateAuthorityDirectory = _directory);

            var mode = File.GetUnixFileMode(Path.Combine(_directory, EmulatorCertificateAuthority.RootKeyFileName));

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        }
    }

    [Fact]
    public void Without_a_directory_each_emulator_makes_its_own_root()
    {
        using var first = Create();
        using var second = Create();

        Assert.NotEqual(first.CertificateAuthority.RootCertificate.RawData, second.CertificateAuthority.RootCertificate.RawData);
        Assert.Null(first.CertificateAuthority.Directory);
    }

    [Fact]
    public void A_key_left_without_its_certificate_is_a_clear_error()
    {
        Directory.CreateDirectory(_directory);
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP384))
        {
            File.WriteAllText(Path.Combine(_directory, EmulatorCertificateAuthority.RootKeyFileName), key.ExportPkcs8PrivateKeyPem());
        }

        var error = Assert.Throws<EmulatorCertificateAuthorityException>(() => Create(o => o.CertificateAuthorityDirectory = _directory));

        Assert.Contains(EmulatorCertificateAuthority.RootCertificateFileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_does_not_match_the_certificate_is_refused()
    {
        using (Create(o => o.CertificateAuthorityDirectory = _directory))
        {
        }

        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP384))
        {
            File.WriteAllText(Path.Combine(_directory, EmulatorCertificateAuthority.RootKeyFileName), other.ExportPkcs8PrivateKeyPem());
        }

        var error = Assert.Throws<EmulatorCertificateAuthorityException>(() => Create(o => o.CertificateAuthorityDirectory = _directory));

        Assert.Contains("does not belong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_persisted_root_outside_its_validity_is_refused_with_advice()
    {
        using (Create(o => o.CertificateAuthorityDirectory = _directory))
        {
        }

        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddYears(11));
        var error = Assert.Throws<EmulatorCertificateAuthorityException>(() => Create(o =>
        {
            o.CertificateAuthorityDirectory = _directory;
            o.TimeProvider = clock;
        }));

        Assert.Contains("Delete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_that_cannot_be_made_is_a_typed_error()
    {
        // A regular file where the CA directory's parent should be: mkdir fails even for root.
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<EmulatorCertificateAuthorityException>(() => Create(o => o.CertificateAuthorityDirectory = Path.Combine(file, "ca")));

        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Fact]
    public void LoadRootCertificate_of_an_empty_directory_is_a_typed_error()
    {
        Directory.CreateDirectory(_directory);

        var error = Assert.Throws<EmulatorCertificateAuthorityException>(() => EmulatorCertificateAuthority.LoadRootCertificate(_directory));

        Assert.IsType<FileNotFoundException>(error.InnerException);
    }

    [Fact]
    public void A_garbled_certificate_file_is_a_typed_error()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, EmulatorCertificateAuthority.RootCertificateFileName), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        Assert.Throws<EmulatorCertificateAuthorityException>(() => EmulatorCertificateAuthority.LoadRootCertificate(_directory));
    }

    [Fact]
    public void Emulators_starting_together_on_one_directory_agree_on_one_root()
    {
        var roots = new byte[8][];

        Parallel.For(0, roots.Length, i =>
        {
            using var emulator = Create(o => o.CertificateAuthorityDirectory = _directory);
            roots[i] = emulator.CertificateAuthority.RootCertificate.RawData;
        });

        Assert.All(roots, root => Assert.Equal(roots[0], root));
        Assert.Equal(
            [EmulatorCertificateAuthority.RootCertificateFileName, EmulatorCertificateAuthority.RootKeyFileName, EmulatorCertificateAuthority.LockFileName],
            Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Attestation_when_the_clock_has_left_the_root_validity_is_InternalError()
    {
        var clock = new ManualTimeProvider(Start);
        using var emulator = Create(o => o.TimeProvider = clock);
        clock.Now = Start.AddYears(11);

        Assert.Equal("a1654572726f72" + "6d" + "496e7465726e616c4572726f72", SendHex(emulator, new NsmDashboard.Nsm.Protocol.AttestationRequest()));
    }
}
