using System.Text.Json;

namespace NsmDashboard.Kms.Tests;

/// <summary>NitroTPM documents take NitroTPM keys, and never satisfy enclave keys (or the reverse).</summary>
public sealed class NitroTpmTests
{
    private static string Tpm(int pcr) => Convert.ToHexStringLower(TestDocuments.VaporTpm.NitroTpmPcrs![pcr].Span);

    [Fact]
    public void A_real_nitrotpm_document_is_read_with_its_24_pcrs()
    {
        var evidence = TestDocuments.VaporTpmEvidence;

        Assert.Equal(AttestationDocumentKind.NitroTpm, evidence.Kind);
        Assert.Equal(24, evidence.Pcrs.Count);
        Assert.False(evidence.IsDebugMode);
        Assert.Equal(Tpm(4), evidence.ContextValue(AttestationConditionKey.NitroTpmPcr(4)));
        Assert.Null(evidence.ContextValue(AttestationConditionKey.EnclavePcr(4)));
        Assert.Null(evidence.ContextValue(AttestationConditionKey.ImageSha384));
    }

    [Fact]
    public void Generated_from_a_nitrotpm_document_it_pins_pcr4_and_pcr12_and_passes_against_it()
    {
        var generation = KmsPolicyGenerator.Generate(TestDocuments.VaporTpmEvidence, new KmsPolicyGenerationOptions { Principal = Policies.Role });

        Assert.Equal(AttestationDocumentKind.NitroTpm, generation.Kind);
        Assert.Equal(["kms:RecipientAttestation:NitroTPMPCR4", "kms:RecipientAttestation:NitroTPMPCR12"], generation.Conditions.Select(c => c.Key.Name));
        var check = KeyPolicyChecker.Check(Policies.Of(generation.KeyPolicyStatementJson), TestDocuments.VaporTpmEvidence);
        Assert.True(check.GateAdmitsDocument);
        Assert.Empty(Findings.Errors(check));
        Assert.StartsWith("With this NitroTPM instance document, KMS would be expected to ALLOW", check.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ec_public_key_of_the_real_document_cannot_receive_a_kms_response()
    {
        var check = KeyPolicyChecker.Check(Policies.Of(Policies.Allow(Policies.Pcr0(key: "kms:RecipientAttestation:NitroTPMPCR4", value: Tpm(4)))), TestDocuments.VaporTpmEvidence);

        Assert.Contains("not an RSA SubjectPublicKeyInfo", Findings.Single(check, KeyPolicyFindingKind.NoRecipientKey).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enclave_policy_never_admits_a_nitrotpm_document_even_with_equal_values()
    {
        // The same hex under the enclave key: KMS does not put PCR4 in a NitroTPM document's context at all.
        var check = KeyPolicyChecker.Check(Policies.Of(Policies.Allow(Policies.Pcr0(key: "kms:RecipientAttestation:PCR4", value: Tpm(4)))), TestDocuments.VaporTpmEvidence);

        Assert.False(check.GateAdmitsDocument);
        Assert.Contains("this is a NitroTPM instance document", Findings.Single(check, KeyPolicyFindingKind.PlatformMismatch).Message, StringComparison.Ordinal);
        Assert.Contains("enclave keys (ImageSha384, PCR<n>) are in the request context only for Nitro Enclave documents", check.Statements[0].Conditions[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nitrotpm_policy_never_admits_an_enclave_document_even_with_equal_values()
    {
        var check = KeyPolicyChecker.Check(
            Policies.Of(Policies.Allow(Policies.Pcr0(key: "kms:RecipientAttestation:NitroTPMPCR0"))), TestDocuments.EvervaultEvidence);

        Assert.False(check.GateAdmitsDocument);
    }

    [Fact]
    public void A_changed_byte_of_a_nitrotpm_pcr_is_located()
    {
        var value = Tpm(4).ToCharArray();
        value[90] = value[90] == 'a' ? 'b' : 'a';

        var check = KeyPolicyChecker.Check(
            Policies.Of(Policies.Allow(Policies.Pcr0(key: "kms:RecipientAttestation:NitroTPMPCR4", value: new string(value)))), TestDocuments.VaporTpmEvidence);

        Assert.False(check.GateAdmitsDocument);
        Assert.Contains("the document's NitroTPM PCR4 does not match: first difference at byte 45 (hex character 90", check.Statements[0].Conditions[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void From_nitro_tpm_pcr_compute_output_it_uses_nitrotpm_keys()
    {
        var json = $$"""
            {"Measurements": {"HashAlgorithm": "SHA384", "PCR4": "{{Tpm(4)}}", "PCR7": "{{Tpm(7)}}", "PCR12": "{{Tpm(12)}}"} }
            """;
        var evidence = AttestationEvidence.FromMeasurements(Nsm.ExpectedMeasurements.Parse(json));

        var generation = KmsPolicyGenerator.Generate(evidence, new KmsPolicyGenerationOptions { Pcrs = [4, 7, 12], Principal = Policies.Role });

        Assert.Equal(AttestationDocumentKind.NitroTpm, evidence.Kind);
        using var statement = JsonDocument.Parse(generation.KeyPolicyStatementJson);
        var block = statement.RootElement.GetProperty("Condition").GetProperty("StringEqualsIgnoreCase");
        Assert.Equal(Tpm(7), block.GetProperty("kms:RecipientAttestation:NitroTPMPCR7").GetString());
        Assert.True(KeyPolicyChecker.Check(Policies.Of(generation.KeyPolicyStatementJson), TestDocuments.VaporTpmEvidence).GateAdmitsDocument);
    }
}
