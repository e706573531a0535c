namespace NsmDashboard.Kms.Tests;

/// <summary>The verdict: a generated policy admits its own document; a changed value, and requests without attestation, do not.</summary>
public sealed class KeyPolicyCheckerTests
{
    private static string Generated(AttestationEvidence evidence) =>
        Policies.Of(KmsPolicyGenerator.Generate(evidence, new KmsPolicyGenerationOptions { Principal = Policies.Role }).KeyPolicyStatementJson);

    [Fact]
    public void A_policy_generated_from_a_document_passes_against_that_document()
    {
        var check = KeyPolicyChecker.Check(Generated(TestDocuments.EvervaultEvidence), TestDocuments.EvervaultEvidence);

        Assert.True(check.Passed, string.Join("\n", check.Findings));
        Assert.True(check.GateAdmitsDocument);
        Assert.Empty(Findings.Errors(check));
        foreach (var operation in KmsOperations.KeyOperations)
        {
            var verdict = check.Operations.Single(o => o.Operation == operation);
            Assert.Equal(ExpectedDecision.Allow, verdict.WithDocument);
            Assert.True(verdict.AdmittedByAttestation);
            Assert.Equal(ExpectedDecision.ImplicitDeny, verdict.WithoutAttestation);
        }

        var statement = Assert.Single(check.Statements);
        Assert.Equal(4, statement.Conditions.Count); // PCR0, 1, 2 and 8 (signed image)
        Assert.All(statement.Conditions, c => Assert.Equal(ConditionOutcome.Holds, c.WithDocument));
        Assert.All(statement.Conditions, c => Assert.Equal(ConditionOutcome.Fails, c.WithoutAttestation));
        Assert.StartsWith("With this Nitro Enclave document, KMS would be expected to ALLOW kms:Decrypt", check.Verdict, StringComparison.Ordinal);
        Assert.Contains("Without an attestation document, these requests would be expected to be refused.", check.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_recipient_key_in_the_document_nothing_at_all_is_flagged()
    {
        using var pair = RecipientKeyPair.Create();
        var evidence = AttestationEvidence.FromDocument(await TestDocuments.EmulatorAsync(pair.SubjectPublicKeyInfo));

        var check = KeyPolicyChecker.Check(Generated(evidence), evidence);

        Assert.True(check.Passed);
        Assert.Empty(check.Findings);
    }

    [Fact]
    public void The_real_documents_have_no_public_key_and_that_is_flagged_for_a_Recipient()
    {
        var check = KeyPolicyChecker.Check(Generated(TestDocuments.EvervaultEvidence), TestDocuments.EvervaultEvidence);

        var finding = Findings.Single(check, KeyPolicyFindingKind.NoRecipientKey);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("public_key is null", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 17)]
    [InlineData(8, 47)]
    public void One_changed_byte_is_refused_and_located(int pcr, int changedByte)
    {
        var value = TestDocuments.EvervaultPcr(pcr).ToCharArray();
        value[changedByte * 2 + 1] = value[changedByte * 2 + 1] == '0' ? '1' : '0';
        var policy = KmsPolicyGenerator.Generate(TestDocuments.EvervaultEvidence, new KmsPolicyGenerationOptions { Principal = Policies.Role }).KeyPolicyStatementJson
            .Replace(TestDocuments.EvervaultPcr(pcr), new string(value), StringComparison.Ordinal);

        var check = KeyPolicyChecker.Check(Policies.Of(policy), TestDocuments.EvervaultEvidence);

        Assert.False(check.Passed);
        Assert.False(check.GateAdmitsDocument);
        Assert.Equal(ExpectedDecision.ImplicitDeny, check.Operations[0].WithDocument);
        var failed = Assert.Single(check.Statements[0].Conditions, c => c.WithDocument == ConditionOutcome.Fails);
        Assert.Equal($"kms:RecipientAttestation:PCR{pcr}", failed.Condition.Key);
        Assert.Contains($"first difference at byte {changedByte} (hex character {changedByte * 2 + 1}", failed.Explanation, StringComparison.Ordinal);
        Assert.Contains("REFUSE kms:Decrypt", check.Verdict, StringComparison.Ordinal);
        Assert.Contains($"first difference at byte {changedByte}", check.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_sha384_is_pcr0()
    {
        var check = KeyPolicyChecker.Check(
            Policies.Of(Policies.Allow(Policies.Pcr0(key: "kms:RecipientAttestation:ImageSHA384"))), TestDocuments.EvervaultEvidence);

        Assert.True(check.GateAdmitsDocument);
        Assert.Equal(TestDocuments.EvervaultPcr(0), check.Statements[0].Conditions[0].DocumentValue);
    }

    [Fact]
    public void A_pcr_the_document_does_not_carry_is_absent_from_the_context()
    {
        // Real documents carry PCR0–PCR15; PCR16 is never in their request context.
        var check = KeyPolicyChecker.Check(
            Policies.Of(Policies.Allow(Policies.Pcr0(key: "kms:RecipientAttestation:PCR16"))), TestDocuments.EvervaultEvidence);

        Assert.False(check.GateAdmitsDocument);
        var condition = check.Statements[0].Conditions[0];
        Assert.Null(condition.DocumentValue);
        Assert.Contains("carries no PCR16", condition.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_overrides_the_allow_and_is_reported()
    {
        var deny = $$"""{"Sid": "NoOldImage", "Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*", "Condition": {{Policies.Pcr0()}}}""";

        var check = KeyPolicyChecker.Check(Policies.Of(Policies.Allow(Policies.Pcr0()), deny), TestDocuments.EvervaultEvidence);

        Assert.False(check.Passed);
        Assert.Equal(ExpectedDecision.ExplicitDeny, check.Operations[0].WithDocument);
        Assert.Equal(["\"NoOldImage\""], check.Operations[0].DeniedBy);
        Assert.Contains("\"NoOldImage\" denies kms:Decrypt", check.Verdict, StringComparison.Ordinal);
        Assert.Equal(FindingSeverity.Warning, Findings.Single(check, KeyPolicyFindingKind.DenyApplies).Severity);
    }

    [Fact]
    public void A_deny_unless_attested_guard_keeps_requests_without_attestation_out()
    {
        var guard = $$"""
            {"Sid": "DenyUnattested", "Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
             "Condition": {"StringNotEqualsIgnoreCase": {"kms:RecipientAttestation:PCR0": "{{TestDocuments.EvervaultPcr(0)}}"} } }
            """;

        var check = KeyPolicyChecker.Check(Policies.Of(Policies.Allow(Policies.Pcr0()), guard), TestDocuments.EvervaultEvidence);

        Assert.True(check.GateAdmitsDocument);
        var decrypt = check.Operations[0];
        Assert.Equal(ExpectedDecision.Allow, decrypt.WithDocument);
        Assert.Equal(ExpectedDecision.ExplicitDeny, decrypt.WithoutAttestation); // StringNot… holds when the key is absent
        Findings.None(check, KeyPolicyFindingKind.DenyApplies);
        Findings.None(check, KeyPolicyFindingKind.NegatedOperatorInAllow);
    }

    [Fact]
    public void Other_conditions_are_not_evaluated_and_said_so()
    {
        var condition = $$"""{"StringEqualsIgnoreCase": {"kms:RecipientAttestation:PCR0": "{{TestDocuments.EvervaultPcr(0)}}"}, "ArnEquals": {"aws:PrincipalArn": "{{Policies.Role}}"} }""";

        var check = KeyPolicyChecker.Check(Policies.Of(Policies.Allow(condition)), TestDocuments.EvervaultEvidence);

        Assert.True(check.GateAdmitsDocument);
        var other = check.Statements[0].Conditions[1];
        Assert.Equal(ConditionOutcome.NotEvaluated, other.WithDocument);
        Assert.Contains("not evaluated here", other.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_caveat_says_only_kms_decides() =>
        Assert.Contains("only KMS decides", KeyPolicyCheck.Caveat, StringComparison.Ordinal);
}
