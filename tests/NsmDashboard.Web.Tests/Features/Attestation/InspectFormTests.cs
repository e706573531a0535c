using NsmDashboard.Attestation;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Attestation;

public sealed class InspectFormTests
{
    private static readonly string Pcr0 = new('a', 96);
    private static readonly string Pcr1 = new('b', 96);

    [Fact]
    public void The_defaults_are_now_the_root_the_document_names_and_no_policy()
    {
        // Act
        var ok = new InspectForm().TryBuild(null, out var options, out _);

        // Assert: the same defaults as nsm verify and POST /api/attestation/verify.
        Assert.True(ok);
        Assert.Null(options.ValidationTime);
        Assert.False(options.AtDocumentTime);
        Assert.Null(options.TrustRoot);
        Assert.Null(options.Policy);
    }

    [Fact]
    public void Document_time_asks_for_the_document_s_own_timestamp()
    {
        // Act
        var ok = new InspectForm { TimeMode = ValidationTimeMode.DocumentTime, Root = TrustRootChoice.Aws }.TryBuild(null, out var options, out _);

        // Assert
        Assert.True(ok);
        Assert.True(options.AtDocumentTime);
        Assert.Null(options.ValidationTime);
        Assert.Equal(AttestationTrustRootKind.Aws, options.TrustRoot!.Kind);
    }

    [Fact]
    public void Blank_lines_separate_alternative_expected_PCR_sets()
    {
        // Arrange
        var form = new InspectForm { ExpectedPcrs = $"0={Pcr0}\nPCR1=0x{Pcr1}\n\n# previous release\n0={Pcr1}\n" };

        // Act
        var ok = form.TryBuild(null, out var options, out _);

        // Assert
        Assert.True(ok);
        var sets = options.Policy!.ExpectedPcrSets;
        Assert.Equal(["set 1", "set 2"], sets.Select(s => s.Name));
        Assert.Equal([0, 1], sets[0].Pcrs.Keys);
        Assert.Equal(Pcr1, Convert.ToHexStringLower(sets[1].Pcrs[0].Span));
    }

    [Theory]
    [InlineData("0=abcd", "set 1: PCR0 is 2 bytes")]
    [InlineData("x=00", "is not a PCR index")]
    [InlineData("7", "is not N=HEX")]
    public void A_bad_expected_PCR_line_is_named(string text, string message)
    {
        // Arrange
        var form = new InspectForm { ExpectedPcrs = text };

        // Act
        var ok = form.TryBuild(null, out _, out var errors);

        // Assert
        Assert.False(ok);
        Assert.Contains(message, form.PcrError, StringComparison.Ordinal);
        Assert.StartsWith("Expected PCRs: ", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_specific_time_is_read_as_UTC_unless_it_has_an_offset()
    {
        // Arrange
        var utc = new InspectForm { TimeMode = ValidationTimeMode.Specific, SpecificTime = "2021-10-28T17:02:02" };
        var offset = new InspectForm { TimeMode = ValidationTimeMode.Specific, SpecificTime = "2021-10-28T19:02:02+02:00" };

        // Act
        utc.TryBuild(null, out var a, out _);
        offset.TryBuild(null, out var b, out _);

        // Assert
        Assert.Equal(new DateTimeOffset(2021, 10, 28, 17, 2, 2, TimeSpan.Zero), a.ValidationTime);
        Assert.Equal(a.ValidationTime, b.ValidationTime);
    }

    [Fact]
    public void Bad_time_root_and_nonce_are_each_reported()
    {
        // Arrange
        var form = new InspectForm
        {
            TimeMode = ValidationTimeMode.Specific,
            SpecificTime = "yesterday",
            Root = TrustRootChoice.Emulator,
            ExpectedNonce = "abc",
        };

        // Act
        var ok = form.TryBuild(emulatorRoot: null, out _, out var errors);

        // Assert
        Assert.False(ok);
        Assert.Equal(
            [
                "Validation time: 'yesterday' is not a date and time; use ISO 8601, e.g. 2021-10-28T17:02:02Z.",
                "Trust root: The NSM is not emulated, so there is no emulator root.",
                "Expected nonce: odd number of hex digits (3): every byte takes two digits",
            ],
            errors);
    }

    [Fact]
    public void A_pasted_root_that_is_not_a_certificate_is_refused()
    {
        // Arrange
        var form = new InspectForm { Root = TrustRootChoice.Pem, RootPem = "not pem" };

        // Act
        var ok = form.TryBuild(null, out _, out var errors);

        // Assert
        Assert.False(ok);
        Assert.Equal("Trust root: the PEM text holds no PEM CERTIFICATE block.", Assert.Single(errors));
    }

    [Fact]
    public void A_pasted_AWS_root_is_recognised_as_AWS()
    {
        // Arrange
        var form = new InspectForm { Root = TrustRootChoice.Pem, RootPem = AwsVectors.AwsRootPem };

        // Act
        form.TryBuild(null, out var options, out _);

        // Assert
        Assert.Equal(AttestationTrustRootKind.Aws, options.TrustRoot!.Kind);
    }
}
