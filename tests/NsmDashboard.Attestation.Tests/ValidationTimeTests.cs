namespace NsmDashboard.Attestation.Tests;

/// <summary>
/// The validation-time default (AttestationValidationTime): now, and for a genuine document that has only grown old,
/// a plain statement of why it fails now and the time at which it was valid.
/// </summary>
public sealed class ValidationTimeTests
{
    private static readonly DateTimeOffset Today = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_default_is_now_and_says_so()
    {
        var time = AttestationValidationTime.Now(Today);

        Assert.Equal(AttestationValidationTimeKind.Now, time.Kind);
        Assert.Equal(Today, time.At);
        Assert.StartsWith("Now:", time.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_document_time_is_its_own_timestamp()
    {
        Assert.True(AttestationValidationTime.TryAtDocumentTime(AttestationDocument.Decode(AwsVectors.Nitrite), out var time));

        Assert.Equal(AttestationValidationTimeKind.DocumentTimestamp, time.Kind);
        Assert.Equal(AwsVectors.NitriteTime, time.At);
        Assert.Contains("2021-10-28T17:02:02.077Z", time.Explanation, StringComparison.Ordinal);
        Assert.False(AttestationValidationTime.TryAtDocumentTime(null, out _));
    }

    [Theory]
    [InlineData(AwsVectors.NitriteFile, "2021-10-28T17:02:02.077Z")]
    [InlineData(AwsVectors.EvervaultFile, "2022-10-13T08:58:02.136Z")]
    public void A_genuine_old_document_checked_now_fails_and_is_told_the_time_it_was_valid_at(string file, string timestamp)
    {
        var result = TestVerifiers.ColdAwsVerifier().Verify(AwsVectors.Read(file), Today);

        Assert.Equal(AttestationFailure.CertificateExpired, result.Failure);
        var advice = AttestationValidationTime.ExpiredAdvice(result);
        Assert.NotNull(advice);
        Assert.Contains("not valid at 2026-03-01T12:00:00.000Z", advice, StringComparison.Ordinal);
        Assert.Contains(timestamp, advice, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_document_at_its_own_time_is_valid_and_needs_no_advice()
    {
        var result = TestVerifiers.ColdAwsVerifier().Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime);

        Assert.True(result.IsValid, result.ToString());
        Assert.Null(AttestationValidationTime.ExpiredAdvice(result));
    }

    [Fact]
    public void A_document_checked_before_it_was_issued_gets_no_advice_to_look_later()
    {
        var result = TestVerifiers.ColdAwsVerifier().Verify(AwsVectors.Nitrite, AwsVectors.NitriteLeafNotBefore.AddHours(-1));

        Assert.Equal(AttestationFailure.CertificateNotYetValid, result.Failure);
        Assert.Null(AttestationValidationTime.ExpiredAdvice(result));
    }

    [Fact]
    public void A_tampered_old_document_gets_no_advice_when_something_else_fails_first()
    {
        var tampered = AwsVectors.WithSignatureByteFlipped(AwsVectors.Nitrite);

        var atItsTime = TestVerifiers.ColdAwsVerifier().Verify(tampered, AwsVectors.NitriteTime);

        Assert.Equal(AttestationFailure.SignatureInvalid, atItsTime.Failure);
        Assert.Null(AttestationValidationTime.ExpiredAdvice(atItsTime));
    }

    [Fact]
    public void Specified_times_are_kept_in_UTC()
    {
        var time = AttestationValidationTime.Specified(new DateTimeOffset(2021, 10, 28, 19, 0, 0, TimeSpan.FromHours(2)));

        Assert.Equal(AttestationValidationTimeKind.Specified, time.Kind);
        Assert.Equal(TimeSpan.Zero, time.At.Offset);
        Assert.Contains("2021-10-28T17:00:00.000Z", time.Explanation, StringComparison.Ordinal);
    }
}
