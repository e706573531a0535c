using Microsoft.Extensions.Logging;
using NsmDashboard.Attestation;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Attestation;

public sealed class AttestationServiceTests : NsmDashboardTestContext
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly List<PcrChange> _changes = [];

    public AttestationServiceTests()
    {
        Services.AddSingleton<ILoggerProvider>(_logs);
        Services.GetRequiredService<PcrChangeNotifier>().Subscribe(_changes.Add);
    }

    private AttestationService Service => Services.GetRequiredService<AttestationService>();

    [Fact]
    public async Task A_requested_document_verifies_against_the_emulator_root_and_echoes_the_nonce()
    {
        // Arrange
        byte[] nonce = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
        var request = new AttestationRequest(UserData: "hello"u8.ToArray(), Nonce: nonce);

        // Act
        var outcome = await Service.RequestAsync(request, OtherOperator, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(outcome.IsValid, outcome.Verification.ToString());
        Assert.Equal(AttestationTrustRootKind.Emulator, outcome.TrustRoot.Kind);
        Assert.False(outcome.Verification.IsRootedInAws);
        Assert.Equal(AttestationValidationTimeKind.Now, outcome.ValidationTime.Kind);
        Assert.Equal(AttestationCheckStatus.Passed, outcome.Verification.GetCheck(AttestationCheckId.ExpectedNonce).Status);
        Assert.Equal(nonce, outcome.Decoded!.Nonce.Value.ToArray());
        Assert.Equal(OptionalBytesKind.Null, outcome.Decoded.PublicKey.Kind);
        Assert.Equal(Emulator.ModuleId, outcome.Decoded.ModuleId);
    }

    [Fact]
    public async Task A_request_is_audited_with_the_caller_and_publishes_no_PCR_change()
    {
        // Arrange
        var request = new AttestationRequest(Nonce: new byte[20], PublicKey: new byte[91]);

        // Act
        var outcome = await Service.RequestAsync(request, NsmCaller.Api("10.1.2.3") with { User = "script", Role = NsmDashboard.Web.Security.NsmRoles.Operator }, TestContext.Current.CancellationToken);

        // Assert
        var audit = Assert.Single(_logs.Entries, e => e.Message.StartsWith("AUDIT Attestation", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, audit.Level);
        Assert.Contains("api:10.1.2.3", audit.Message, StringComparison.Ordinal);
        Assert.Contains("nonce 20 bytes, user_data none, public_key 91 bytes, SHA-256 ", audit.Message, StringComparison.Ordinal);
        Assert.Contains($"document {outcome.Document.Length} bytes", audit.Message, StringComparison.Ordinal);
        Assert.Empty(_changes);
    }

    [Fact]
    public async Task A_refused_request_is_audited_and_throws_the_NSM_error()
    {
        // Arrange: one byte over the NSM's 1024-byte field limit.
        var request = new AttestationRequest(UserData: new byte[NsmLimits.AttestationFieldMaxSize + 1]);

        // Act
        var error = await Assert.ThrowsAsync<NsmException>(() => Service.RequestAsync(request, OtherOperator, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(NsmErrorCode.InputTooLarge, error.ErrorCode);
        Assert.Contains(_logs.Entries, e => e.Message.Contains("AUDIT Attestation by other-operator@dashboard:other-operator", StringComparison.Ordinal)
                                            && e.Message.Contains("refused: InputTooLarge", StringComparison.Ordinal));
    }

    [Fact]
    public void An_old_real_document_is_checked_now_by_default_and_told_how_to_check_it_at_its_own_time()
    {
        // Act: no time and no root given, on an emulated dashboard.
        var outcome = Service.Inspect(AwsVectors.Nitrite, InspectOptions.Default);

        // Assert: AWS chosen by its cabundle[0]; checked now, so the expired leaf fails, and the advice names the time.
        Assert.Equal(AttestationTrustRootKind.Aws, outcome.TrustRoot.Kind);
        Assert.True(outcome.RootChoice!.MatchesDocument);
        Assert.Equal(AttestationValidationTimeKind.Now, outcome.ValidationTime.Kind);
        Assert.Equal(AttestationFailure.CertificateExpired, outcome.Verification.Failure);
        Assert.Contains("2021-10-28T17:02:02.077Z", outcome.ExpiredAdvice, StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_real_document_checked_at_its_own_time_is_valid_under_AWS_and_the_choice_is_explained()
    {
        // Act
        var outcome = Service.Inspect(AwsVectors.Nitrite, new InspectOptions { AtDocumentTime = true });

        // Assert
        Assert.True(outcome.IsValid, outcome.Verification.ToString());
        Assert.True(outcome.Verification.IsRootedInAws);
        Assert.Equal(AttestationValidationTimeKind.DocumentTimestamp, outcome.ValidationTime.Kind);
        Assert.Equal(AwsVectors.NitriteTime, outcome.ValidatedAt);
        Assert.Contains("not that it is fresh", outcome.ValidationTime.Explanation, StringComparison.Ordinal);
        Assert.Null(outcome.ExpiredAdvice);
    }

    [Fact]
    public async Task Without_a_named_root_an_emulator_document_is_checked_against_the_emulator_root()
    {
        // Arrange
        var document = (await Service.RequestAsync(new AttestationRequest(), OtherOperator, TestContext.Current.CancellationToken)).Document;

        // Act
        var outcome = Service.Inspect(document, InspectOptions.Default);

        // Assert
        Assert.True(outcome.IsValid, outcome.Verification.ToString());
        Assert.Equal(AttestationTrustRootKind.Emulator, outcome.TrustRoot.Kind);
        Assert.Contains("cabundle[0] is the", outcome.RootChoice!.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_specified_time_outside_the_leaf_window_fails_and_is_reported_as_specified()
    {
        // Arrange: one hour after the leaf's notAfter (17:44:13Z).
        var at = new DateTimeOffset(2021, 10, 28, 18, 44, 13, TimeSpan.Zero);

        // Act
        var outcome = Service.Inspect(AwsVectors.Nitrite, new InspectOptions { TrustRoot = AttestationTrustRoot.Aws, ValidationTime = at });

        // Assert
        Assert.Equal(AttestationValidationTimeKind.Specified, outcome.ValidationTime.Kind);
        Assert.Equal(at, outcome.ValidatedAt);
        Assert.Equal(AttestationFailure.CertificateExpired, outcome.Verification.Failure);
    }

    [Fact]
    public void The_default_root_of_an_emulated_dashboard_is_the_emulator_root_and_AWS_is_offered_too()
    {
        // Assert
        Assert.Equal(AttestationTrustRootKind.Emulator, Service.DefaultTrustRoot.Kind);
        Assert.Equal([AttestationTrustRootKind.Aws, AttestationTrustRootKind.Emulator], Service.AvailableRoots.Select(r => r.Kind));
        Assert.True(Service.DefaultTrustRoot.Matches(Emulator.CertificateAuthority.RootCertificate.RawData));
        Assert.Equal(AwsVectors.AwsRootSha256, Service.AvailableRoots[0].Sha256);
    }

    [Fact]
    public async Task An_emulator_document_is_never_valid_under_the_AWS_root()
    {
        // Arrange
        var document = (await Service.RequestAsync(new AttestationRequest(), OtherOperator, TestContext.Current.CancellationToken)).Document;

        // Act
        var outcome = Service.Inspect(document, new InspectOptions { TrustRoot = AttestationTrustRoot.Aws });

        // Assert
        Assert.False(outcome.IsValid);
        Assert.Equal(AttestationFailure.UntrustedRoot, outcome.Verification.Failure);
    }

    [Fact]
    public void A_pasted_PEM_of_the_AWS_root_is_reported_as_AWS()
    {
        // Act
        var outcome = Service.Inspect(AwsVectors.Evervault, new InspectOptions { TrustRoot = AttestationTrustRoot.FromPem(AwsVectors.AwsRootPem), AtDocumentTime = true });

        // Assert
        Assert.True(outcome.IsValid, outcome.Verification.ToString());
        Assert.Equal(AttestationTrustRootKind.Aws, outcome.TrustRoot.Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0x84, 0x44, 0xa1, 0x01 }, "truncated")]
    [InlineData(new byte[] { 0xa0 }, "not an array")]
    [InlineData(new byte[0], "empty")]
    public void Bytes_that_are_not_a_document_give_a_typed_decode_error_and_a_malformed_verdict(byte[] bytes, string why)
    {
        // Act
        var outcome = Service.Inspect(bytes, InspectOptions.Default);

        // Assert
        Assert.Null(outcome.Decoded);
        Assert.NotNull(outcome.DecodeError);
        Assert.False(outcome.IsValid, why);
        Assert.Equal(AttestationFailure.Malformed, outcome.Verification.Failure);
        Assert.Equal(AttestationValidationTimeKind.Now, outcome.ValidationTime.Kind);
        Assert.Equal(AttestationChecks.All, outcome.Verification.Checks.Select(c => c.Id));
    }

    [Fact]
    public void A_tampered_real_document_fails_its_signature_check()
    {
        // Act
        var outcome = Service.Inspect(AwsVectors.WithSignatureByteFlipped(AwsVectors.Nitrite), new InspectOptions { TrustRoot = AttestationTrustRoot.Aws, AtDocumentTime = true });

        // Assert
        Assert.NotNull(outcome.Decoded);
        Assert.Equal(AttestationFailure.SignatureInvalid, outcome.Verification.Failure);
        Assert.Equal(AttestationValidationTimeKind.DocumentTimestamp, outcome.ValidationTime.Kind);
    }
}
