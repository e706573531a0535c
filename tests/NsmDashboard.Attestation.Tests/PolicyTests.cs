namespace NsmDashboard.Attestation.Tests;

/// <summary>Application policy (docs/attestation-verification.md#expected-pcrs to #freshness): expected PCR sets, nonce, maximum age.</summary>
public sealed class PolicyTests
{
    private readonly AttestationVerifier _verifier = TestVerifiers.ColdAwsVerifier();

    private static readonly AttestationDocument Evervault = AttestationDocument.Decode(AwsVectors.Evervault);

    private static ExpectedPcrSet SetFromDocument(string name, AttestationDocument document, params int[] indices) =>
        new(name, indices.Select(i => new KeyValuePair<int, ReadOnlyMemory<byte>>(i, document.Pcrs![i])));

    [Fact]
    public void Without_a_policy_the_policy_checks_do_not_apply()
    {
        var result = _verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime);
        Assert.Equal(AttestationCheckStatus.NotApplicable, result.GetCheck(AttestationCheckId.ExpectedPcrs).Status);
        Assert.Equal(AttestationCheckStatus.NotApplicable, result.GetCheck(AttestationCheckId.ExpectedNonce).Status);
        Assert.Equal(AttestationCheckStatus.NotApplicable, result.GetCheck(AttestationCheckId.Freshness).Status);
        Assert.True(AttestationPolicy.None.IsEmpty);
    }

    [Fact]
    public void With_another_nonce_a_policy_keeps_every_other_expectation()
    {
        var policy = new AttestationPolicy
        {
            ExpectedKind = AttestationDocumentKind.NitroEnclave,
            ExpectedPcrSets = [SetFromDocument("release-42", Evervault, 0)],
            ExpectedNonce = new byte[] { 1 },
            MaxAge = TimeSpan.FromMinutes(3),
            AllowedClockSkew = TimeSpan.FromSeconds(7),
            AllowDebugMode = false,
        };

        var copy = policy.WithNonce(new byte[] { 2 });
        var without = policy.WithNonce(null);

        // Every property, by reflection, so that one added later and not copied fails here.
        foreach (var property in typeof(AttestationPolicy).GetProperties().Where(p => p.CanWrite && p.Name != nameof(AttestationPolicy.ExpectedNonce)))
        {
            Assert.Equal(property.GetValue(policy), property.GetValue(copy));
        }

        Assert.Equal([2], copy.ExpectedNonce!.Value.ToArray());
        Assert.Null(without.ExpectedNonce);
        Assert.Equal([1], policy.ExpectedNonce!.Value.ToArray());
    }

    [Fact]
    public void Pcrs_pass_when_one_of_several_sets_matches()
    {
        var stale = new ExpectedPcrSet("release-41", [new(0, new byte[48]), new(1, new byte[48])]);
        var current = SetFromDocument("release-42", Evervault, 0, 1, 2, 8);
        var policy = new AttestationPolicy { ExpectedPcrSets = [stale, current] };

        var result = _verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime, policy);

        Verdicts.AssertValid(result);
        var check = result.GetCheck(AttestationCheckId.ExpectedPcrs);
        Assert.Equal("The PCRs match the expected set 'release-42' (PCR0, PCR1, PCR2, PCR8).", check.Evidence);
        Assert.Contains(check.Details, d => d.Label == "release-41: PCR0" && d.Ok == false);
    }

    [Fact]
    public void Pcrs_fail_when_no_set_matches_and_say_where()
    {
        var pcr0 = Evervault.Pcrs![0].ToArray();
        pcr0[0] ^= 1;
        var policy = new AttestationPolicy
        {
            ExpectedPcrSets =
            [
                new ExpectedPcrSet("a", [new(0, pcr0), new(1, Evervault.Pcrs[1])]),
                new ExpectedPcrSet("b", [new(9, new byte[48]), new(20, new byte[48])]),
            ],
        };
        var result = _verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime, policy);

        var check = Verdicts.AssertFails(result, AttestationFailure.PcrMismatch, AttestationCheckId.ExpectedPcrs);
        Assert.Equal("The PCRs match none of the 2 expected sets: 'a' differs at PCR0; 'b' differs at PCR20.", check.Evidence);
        Assert.Contains(check.Details, d => d.Label == "b: PCR20" && d.Value.EndsWith("document has absent", StringComparison.Ordinal));
    }

    [Fact]
    public void Debug_mode_is_called_out_when_image_pcrs_do_not_match()
    {
        var policy = new AttestationPolicy { ExpectedPcrSets = [SetFromDocument("prod", Evervault, 0, 1, 2)] };
        var check = Verdicts.AssertFails(_verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime, policy), AttestationFailure.PcrMismatch, AttestationCheckId.ExpectedPcrs);
        Assert.Contains("debug mode", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_debug_mode_document_passes_while_the_policy_allows_debug_mode_and_says_it_is_one()
    {
        var result = _verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime);

        Verdicts.AssertValid(result);
        var check = result.GetCheck(AttestationCheckId.DebugMode);
        Assert.Equal(AttestationCheckStatus.NotApplicable, check.Status);
        Assert.Contains("this one is one (PCR0, PCR1 and PCR2 are all zero)", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_debug_mode_document_fails_when_the_policy_refuses_debug_mode()
    {
        var policy = new AttestationPolicy { AllowDebugMode = false };

        var check = Verdicts.AssertFails(_verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime, policy), AttestationFailure.DebugMode, AttestationCheckId.DebugMode);

        Assert.StartsWith("PCR0, PCR1 and PCR2 are all zero: the enclave runs in debug mode", check.Evidence, StringComparison.Ordinal);
        Assert.False(policy.IsEmpty);
    }

    [Fact]
    public void A_production_document_passes_the_debug_mode_check()
    {
        var result = _verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime, new AttestationPolicy { AllowDebugMode = false });

        Verdicts.AssertValid(result);
        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.DebugMode).Status);
    }

    [Fact]
    public void Debug_mode_is_checked_before_the_expected_pcrs_so_it_is_the_reason_given()
    {
        var policy = new AttestationPolicy { AllowDebugMode = false, ExpectedPcrSets = [SetFromDocument("prod", Evervault, 0, 1, 2)] };

        var result = _verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime, policy);

        Assert.Equal(AttestationFailure.DebugMode, result.Failure);
        Assert.Equal(AttestationCheckStatus.Failed, result.GetCheck(AttestationCheckId.ExpectedPcrs).Status);
    }

    [Fact]
    public void Nonce_must_match_byte_for_byte()
    {
        var nonce = Evervault.Nonce.Value.ToArray();
        Verdicts.AssertValid(_verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime, new AttestationPolicy { ExpectedNonce = nonce }));

        nonce[^1] ^= 1;
        var check = Verdicts.AssertFails(
            _verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime, new AttestationPolicy { ExpectedNonce = nonce }),
            AttestationFailure.NonceMismatch,
            AttestationCheckId.ExpectedNonce);
        Assert.Contains("256 bytes", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_nonce_does_not_match_an_expected_one()
    {
        var document = AttestationDocument.Decode(AwsVectors.Nitrite);
        var policy = new AttestationPolicy { ExpectedNonce = new byte[20] };
        var check = Verdicts.AssertFails(_verifier.Verify(document, AwsVectors.NitriteTime, policy), AttestationFailure.NonceMismatch, AttestationCheckId.ExpectedNonce);
        Assert.Contains("(20 bytes)", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximum_age_is_measured_from_the_validation_time()
    {
        var policy = new AttestationPolicy { MaxAge = TimeSpan.FromMinutes(5) };
        var timestamp = Evervault.Timestamp!.Value;

        Verdicts.AssertValid(_verifier.Verify(AwsVectors.Evervault, timestamp.AddMinutes(5), policy));
        var old = Verdicts.AssertFails(_verifier.Verify(AwsVectors.Evervault, timestamp.AddMinutes(5).AddMilliseconds(1), policy), AttestationFailure.TooOld, AttestationCheckId.Freshness);
        Assert.Contains("00:05:00.0010000 old", old.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_from_the_future_beyond_the_skew_fail()
    {
        var timestamp = Evervault.Timestamp!.Value;
        var policy = new AttestationPolicy { MaxAge = TimeSpan.FromMinutes(5), AllowedClockSkew = TimeSpan.FromSeconds(2) };

        Verdicts.AssertValid(_verifier.Verify(AwsVectors.Evervault, timestamp.AddSeconds(-2), policy));
        Verdicts.AssertFails(_verifier.Verify(AwsVectors.Evervault, timestamp.AddSeconds(-3), policy), AttestationFailure.TimestampInFuture, AttestationCheckId.Freshness);
    }

    [Fact]
    public void Verifier_default_policy_applies_unless_a_call_overrides_it()
    {
        var verifier = new AttestationVerifier(new AttestationVerifierOptions
        {
            ChainCache = null,
            Policy = new AttestationPolicy { ExpectedNonce = new byte[] { 1 } },
        });
        Verdicts.AssertFails(verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime), AttestationFailure.NonceMismatch, AttestationCheckId.ExpectedNonce);
        Verdicts.AssertValid(verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime, AttestationPolicy.None));
    }

    [Theory]
    [InlineData("0=00")]
    [InlineData("x=" + "00")]
    [InlineData("32=" + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("1=zz")]
    [InlineData("nothing")]
    public void Bad_pcr_assignments_are_rejected(string assignment)
    {
        Assert.Throws<ExpectedPcrSetFormatException>(() => ExpectedPcrSet.Parse("cli", [assignment]));
    }

    [Fact]
    public void Pcr_assignments_parse_in_cli_form()
    {
        var hex = Convert.ToHexStringLower(Evervault.Pcrs![2].Span);
        var set = ExpectedPcrSet.Parse("cli", [$"PCR2=0x{hex}", $" 8 = {Convert.ToHexString(Evervault.Pcrs[8].Span)} "]);
        Assert.Equal([2, 8], set.Pcrs.Keys);
        Verdicts.AssertValid(_verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultTime, new AttestationPolicy { ExpectedPcrSets = [set] }));
        Assert.Throws<ExpectedPcrSetFormatException>(() => ExpectedPcrSet.Parse("dup", [$"2={hex}", $"2={hex}"]));
        Assert.Throws<ArgumentException>(() => new ExpectedPcrSet("empty", []));
    }
}
