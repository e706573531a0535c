namespace NsmDashboard.Kms.Tests;

/// <summary>Each known mistake is flagged for the right reason, and what KMS would make of it is said.</summary>
public sealed class KeyPolicyMistakeTests
{
    private static KeyPolicyCheck Check(params string[] statements) =>
        KeyPolicyChecker.Check(Policies.Of(statements), TestDocuments.EvervaultEvidence);

    [Fact]
    public void An_unconditional_allow_for_the_same_role_makes_the_gate_moot()
    {
        var check = Check(Policies.Allow(Policies.Pcr0()), Policies.Unconditional());

        Assert.False(check.Passed);
        Assert.True(check.GateAdmitsDocument); // the document gets through — and so does everyone else
        var finding = Findings.Single(check, KeyPolicyFindingKind.GateBypassed);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(1, finding.StatementIndex);
        Assert.Contains("\"Open\" allows kms:Decrypt", finding.Message, StringComparison.Ordinal);
        Assert.Contains("the gate is moot", finding.Message, StringComparison.Ordinal);
        Assert.Equal(ExpectedDecision.Allow, check.Operations[0].WithoutAttestation);
        Assert.Contains("for these operations the attestation gate protects nothing", check.Verdict, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"kms:*\"")]
    [InlineData("\"*\"")]
    [InlineData("\"kms:Decrypt*\"")]
    [InlineData("[\"kms:Encrypt\", \"kms:De*\"]")]
    public void Wildcard_actions_bypass_the_gate_too(string action)
    {
        var check = Check(Policies.Allow(Policies.Pcr0()), Policies.Unconditional(action: action));

        Assert.Contains(check.Findings, f => f.Kind == KeyPolicyFindingKind.GateBypassed && f.StatementIndex == 1);
    }

    [Fact]
    public void NotAction_that_leaves_decrypt_in_bypasses_the_gate()
    {
        var notAction = $$"""{"Sid": "Most", "Effect": "Allow", "Principal": {"AWS": "{{Policies.Role}}"}, "NotAction": "kms:ScheduleKeyDeletion", "Resource": "*"}""";

        var check = Check(Policies.Allow(Policies.Pcr0()), notAction);

        Assert.Contains(check.Findings, f => f.Kind == KeyPolicyFindingKind.GateBypassed && f.StatementIndex == 1);
    }

    [Fact]
    public void A_wildcard_principal_without_conditions_bypasses_the_gate()
    {
        var check = Check(Policies.Allow(Policies.Pcr0()), Policies.Unconditional(principal: "\"*\""));

        Assert.Contains(check.Findings, f => f.Kind == KeyPolicyFindingKind.GateBypassed && f.StatementIndex == 1);
    }

    [Fact]
    public void A_session_of_the_gated_role_is_the_same_principal()
    {
        var session = """{"AWS": "arn:aws:sts::111122223333:assumed-role/enclave-host/i-0abc"}""";

        var check = Check(Policies.Allow(Policies.Pcr0()), Policies.Unconditional(principal: session));

        Assert.Contains(check.Findings, f => f.Kind == KeyPolicyFindingKind.GateBypassed && f.StatementIndex == 1);
    }

    [Fact]
    public void The_default_account_root_statement_is_a_warning_about_iam_policies()
    {
        var root = Policies.Unconditional(action: "\"kms:*\"", principal: """{"AWS": "arn:aws:iam::111122223333:root"}""", sid: "Enable IAM User Permissions");

        var check = Check(root, Policies.Allow(Policies.Pcr0()));

        var finding = Findings.Single(check, KeyPolicyFindingKind.AccountDelegation);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("IAM policies in that account may then grant them", finding.Message, StringComparison.Ordinal);
        Findings.None(check, KeyPolicyFindingKind.GateBypassed);
        Assert.True(check.Passed); // a risk outside the policy, not a mistake in it
    }

    [Fact]
    public void Another_role_allowed_without_attestation_is_a_warning()
    {
        var admin = Policies.Unconditional(principal: """{"AWS": "arn:aws:iam::111122223333:role/admin"}""", sid: "Admin");

        var check = Check(Policies.Allow(Policies.Pcr0()), admin);

        var finding = Findings.Single(check, KeyPolicyFindingKind.AllowedWithoutAttestation);
        Assert.Contains("arn:aws:iam::111122223333:role/admin", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_without_any_attestation_condition_has_no_gate()
    {
        var check = Check(Policies.Unconditional());

        Assert.False(check.Passed);
        Assert.False(check.GateAdmitsDocument);
        Assert.Equal(FindingSeverity.Error, Findings.Single(check, KeyPolicyFindingKind.NoAttestationGate).Severity);
    }

    [Fact]
    public void Null_true_in_an_allow_admits_only_requests_without_attestation()
    {
        var check = Check(Policies.Allow("""{"Null": {"kms:RecipientAttestation:ImageSha384": "true"}}"""));

        Assert.False(check.Passed);
        var finding = Assert.Single(check.Findings, f => f.Kind == KeyPolicyFindingKind.NullCheck);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("holds only when the request carries NO attestation document", finding.Message, StringComparison.Ordinal);
        Assert.Equal(ExpectedDecision.ImplicitDeny, check.Operations[0].WithDocument);
        Assert.Equal(ExpectedDecision.Allow, check.Operations[0].WithoutAttestation);
        Assert.Contains(check.Findings, f => f.Kind == KeyPolicyFindingKind.GateBypassed);
    }

    [Fact]
    public void Null_false_alone_pins_no_image()
    {
        var check = Check(Policies.Allow("""{"Null": {"kms:RecipientAttestation:PCR0": "false"}}"""));

        Assert.Equal(FindingSeverity.Warning, Findings.Single(check, KeyPolicyFindingKind.NullCheck).Severity);
        Assert.Equal(ExpectedDecision.Allow, check.Operations[0].WithDocument);
    }

    [Fact]
    public void Null_true_in_a_deny_is_a_sound_guard()
    {
        var guard = """{"Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"Null": {"kms:RecipientAttestation:PCR0": "true"}}}""";

        var check = Check(Policies.Allow(Policies.Pcr0()), Policies.Unconditional(), guard);

        Assert.Equal(FindingSeverity.Info, Findings.Single(check, KeyPolicyFindingKind.NullCheck).Severity);
        Assert.Equal(ExpectedDecision.ExplicitDeny, check.Operations[0].WithoutAttestation);
    }

    [Fact]
    public void Upper_case_hex_with_StringEquals_never_matches()
    {
        var check = Check(Policies.Allow(Policies.Pcr0("StringEquals", TestDocuments.EvervaultPcr(0).ToUpperInvariant())));

        Assert.False(check.Passed);
        var finding = Findings.Single(check, KeyPolicyFindingKind.UpperCaseWithCaseSensitiveOperator);
        Assert.Contains("Use StringEqualsIgnoreCase", finding.Message, StringComparison.Ordinal);
        Assert.Contains("differ only in letter case", check.Statements[0].Conditions[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Upper_case_hex_with_StringEqualsIgnoreCase_and_lower_case_with_StringEquals_both_match()
    {
        Assert.True(Check(Policies.Allow(Policies.Pcr0(value: TestDocuments.EvervaultPcr(0).ToUpperInvariant()))).GateAdmitsDocument);
        Assert.True(Check(Policies.Allow(Policies.Pcr0("StringEquals"))).Passed);
    }

    [Theory]
    [InlineData(95)]
    [InlineData(64)]
    [InlineData(128)]
    public void A_value_of_the_wrong_length_can_never_match(int length)
    {
        var value = string.Concat(Enumerable.Repeat(TestDocuments.EvervaultPcr(0), 2))[..length];

        var check = Check(Policies.Allow(Policies.Pcr0(value: value)));

        Assert.Contains($"has {length} hex characters", Findings.Single(check, KeyPolicyFindingKind.ValueWrongLength).Message, StringComparison.Ordinal);
        Assert.False(check.GateAdmitsDocument);
    }

    [Fact]
    public void A_0x_prefix_can_never_match()
    {
        var check = Check(Policies.Allow(Policies.Pcr0(value: "0x" + TestDocuments.EvervaultPcr(0))));

        Assert.Contains("starts with '0x'", Findings.Single(check, KeyPolicyFindingKind.ValueNotHex).Message, StringComparison.Ordinal);
        Assert.Contains("equal but for the '0x' prefix", check.Statements[0].Conditions[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Debug_mode_zeros_in_an_allow_admit_any_debug_enclave()
    {
        var check = KeyPolicyChecker.Check(Policies.Of(Policies.Allow(Policies.Pcr0(value: new string('0', 96)))), TestDocuments.NitriteEvidence);

        Assert.True(check.GateAdmitsDocument);
        Assert.False(check.Passed);
        Assert.Contains("every debug-mode enclave", Findings.Single(check, KeyPolicyFindingKind.DebugModeValue).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_debug_mode_document_can_never_match_a_release_policy_and_is_told_so()
    {
        var check = KeyPolicyChecker.Check(Policies.Of(Policies.Allow(Policies.Pcr0())), TestDocuments.NitriteEvidence);

        Assert.False(check.GateAdmitsDocument);
        Assert.True(check.Evidence.IsDebugMode);
        Assert.Contains("comes from a debug-mode enclave", check.Statements[0].Conditions[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_never_matches()
    {
        var check = Check(Policies.Allow(Policies.Pcr0(key: "kms:RecipientAttestation:PCR99")));

        var finding = Findings.Single(check, KeyPolicyFindingKind.UnknownConditionKey);
        Assert.Contains("PCR99 does not exist", finding.Message, StringComparison.Ordinal);
        Assert.Contains("this statement never applies", finding.Message, StringComparison.Ordinal);
        Assert.False(check.GateAdmitsDocument);
    }

    [Fact]
    public void A_misspelt_key_is_flagged_with_the_key_it_meant()
    {
        var check = Check(Policies.Allow(Policies.Pcr0(key: "kms:RecipientAttestations:PCR0")));

        Assert.Contains("Did you mean kms:RecipientAttestation:PCR0?", Findings.Single(check, KeyPolicyFindingKind.UnknownConditionKey).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IfExists_in_an_allow_admits_requests_without_attestation()
    {
        var check = Check(Policies.Allow(Policies.Pcr0("StringEqualsIgnoreCaseIfExists")));

        Assert.Equal(FindingSeverity.Error, Findings.Single(check, KeyPolicyFindingKind.IfExistsOnAttestationKey).Severity);
        Assert.Equal(ExpectedDecision.Allow, check.Operations[0].WithoutAttestation);
        Assert.Contains("admits requests WITHOUT any attestation document", Findings.Single(check, KeyPolicyFindingKind.GateBypassed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForAllValues_in_an_allow_admits_requests_without_attestation()
    {
        var check = Check(Policies.Allow(Policies.Pcr0("ForAllValues:StringEqualsIgnoreCase")));

        Assert.Equal(FindingSeverity.Error, Findings.Single(check, KeyPolicyFindingKind.SetOperatorOnSingleValuedKey).Severity);
        Assert.Equal(ExpectedDecision.Allow, check.Operations[0].WithoutAttestation);
    }

    [Fact]
    public void ForAnyValue_behaves_like_the_plain_operator_but_is_advised_against()
    {
        var check = Check(Policies.Allow(Policies.Pcr0("ForAnyValue:StringEqualsIgnoreCase")));

        Assert.Equal(FindingSeverity.Warning, Findings.Single(check, KeyPolicyFindingKind.SetOperatorOnSingleValuedKey).Severity);
        Assert.Equal(ExpectedDecision.ImplicitDeny, check.Operations[0].WithoutAttestation);
        Assert.True(check.Passed);
    }

    [Fact]
    public void A_negated_operator_in_an_allow_admits_everything_else()
    {
        var check = Check(Policies.Allow(Policies.Pcr0("StringNotEqualsIgnoreCase", new string('a', 96))));

        Assert.Equal(FindingSeverity.Error, Findings.Single(check, KeyPolicyFindingKind.NegatedOperatorInAllow).Severity);
        Assert.Equal(ExpectedDecision.Allow, check.Operations[0].WithoutAttestation);
    }

    [Fact]
    public void A_non_string_operator_never_holds()
    {
        var check = Check(Policies.Allow(Policies.Pcr0("ArnEquals")));

        Findings.Single(check, KeyPolicyFindingKind.OperatorNotForStrings);
        Assert.False(check.GateAdmitsDocument);
    }

    [Fact]
    public void An_unknown_operator_is_one_kms_refuses()
    {
        var check = Check(Policies.Allow(Policies.Pcr0("StringEqual")));

        Assert.Contains("KMS refuses a policy", Findings.Single(check, KeyPolicyFindingKind.UnknownOperator).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wildcard_pattern_pins_no_single_image()
    {
        var check = Check(Policies.Allow(Policies.Pcr0("StringLike", TestDocuments.EvervaultPcr(0)[..10] + "*")));

        Assert.True(check.GateAdmitsDocument);
        Assert.Equal(FindingSeverity.Warning, Findings.Single(check, KeyPolicyFindingKind.WildcardValue).Severity);
    }

    [Fact]
    public void NitroTpm_keys_cannot_admit_an_enclave_document()
    {
        var check = Check(Policies.Allow(Policies.Pcr0(key: "kms:RecipientAttestation:NitroTPMPCR4")));

        Assert.False(check.GateAdmitsDocument);
        Assert.Contains("this is a Nitro Enclave document", Findings.Single(check, KeyPolicyFindingKind.PlatformMismatch).Message, StringComparison.Ordinal);
        Assert.Contains("NitroTPM keys are in the request context only for NitroTPM documents", check.Statements[0].Conditions[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void One_statement_with_keys_of_both_platforms_never_applies()
    {
        var both = $$"""{"StringEqualsIgnoreCase": {"kms:RecipientAttestation:PCR0": "{{TestDocuments.EvervaultPcr(0)}}", "kms:RecipientAttestation:NitroTPMPCR4": "{{TestDocuments.EvervaultPcr(4)}}"} }""";

        var check = Check(Policies.Allow(both));

        Assert.Equal(FindingSeverity.Error, Findings.Single(check, KeyPolicyFindingKind.MixedPlatforms).Severity);
    }

    [Fact]
    public void GenerateRandom_in_a_key_policy_is_noted()
    {
        var check = Check(Policies.Allow(Policies.Pcr0(), action: """["kms:Decrypt", "kms:GenerateRandom"]"""));

        Assert.Equal(FindingSeverity.Info, Findings.Single(check, KeyPolicyFindingKind.GenerateRandomInKeyPolicy).Severity);
        Assert.True(check.Passed);
    }

    [Fact]
    public void An_iam_policy_without_principals_is_read_as_one_identity()
    {
        var iam = Policies.Of(
            $$"""{"Effect": "Allow", "Action": ["kms:GenerateRandom", "kms:Decrypt"], "Resource": "*", "Condition": {{Policies.Pcr0()}}}""",
            """{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}""");

        var check = KeyPolicyChecker.Check(iam, TestDocuments.EvervaultEvidence);

        Assert.Equal(ExpectedDecision.Allow, check.Operations.Single(o => o.Operation == KmsOperation.GenerateRandom).WithDocument);
        Assert.Contains(check.Findings, f => f.Kind == KeyPolicyFindingKind.GateBypassed && f.StatementIndex == 1);
        Findings.None(check, KeyPolicyFindingKind.GenerateRandomInKeyPolicy);
    }
}
