using System.Text.Json;
using NsmDashboard.Nsm;

namespace NsmDashboard.Kms.Tests;

public sealed class KmsPolicyGeneratorTests
{
    [Fact]
    public void From_a_document_it_pins_pcr0_1_2_and_8_in_lower_case_hex()
    {
        var generation = KmsPolicyGenerator.Generate(TestDocuments.EvervaultEvidence);

        Assert.Equal(AttestationDocumentKind.NitroEnclave, generation.Kind);
        Assert.Equal([0, 1, 2, 8], generation.Conditions.Select(c => c.Key.PcrIndex));
        using var condition = JsonDocument.Parse(generation.ConditionJson);
        var block = condition.RootElement.GetProperty("StringEqualsIgnoreCase");
        Assert.Equal(TestDocuments.EvervaultPcr(0), block.GetProperty("kms:RecipientAttestation:PCR0").GetString());
        Assert.Equal(TestDocuments.EvervaultPcr(8), block.GetProperty("kms:RecipientAttestation:PCR8").GetString());
        Assert.Equal(4, block.EnumerateObject().Count());
    }

    [Fact]
    public void The_key_statement_names_the_key_operations_and_the_iam_statement_GenerateRandom()
    {
        var generation = KmsPolicyGenerator.Generate(TestDocuments.EvervaultEvidence, new KmsPolicyGenerationOptions { Principal = Policies.Role });

        using var key = JsonDocument.Parse(generation.KeyPolicyStatementJson);
        Assert.Equal(Policies.Role, key.RootElement.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal(
            ["kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyPair", "kms:DeriveSharedSecret"],
            key.RootElement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        using var iam = JsonDocument.Parse(generation.IamPolicyStatementJson);
        Assert.False(iam.RootElement.TryGetProperty("Principal", out _));
        Assert.Equal("kms:GenerateRandom", iam.RootElement.GetProperty("Action")[0].GetString());
        Assert.Contains(generation.Notes, n => n.Contains("ANY statement allows it", StringComparison.Ordinal));
        Assert.DoesNotContain(generation.Notes, n => n.Contains("placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void The_placeholder_principal_is_pointed_out()
    {
        var generation = KmsPolicyGenerator.Generate(TestDocuments.EvervaultEvidence);

        Assert.Contains(KmsPolicyGenerationOptions.PrincipalPlaceholder, generation.KeyPolicyStatementJson, StringComparison.Ordinal);
        Assert.Contains(generation.Notes, n => n.Contains("placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void Chosen_pcrs_are_pinned_in_order()
    {
        var generation = KmsPolicyGenerator.Generate(TestDocuments.EvervaultEvidence, new KmsPolicyGenerationOptions { Pcrs = [4, 0, 4, 3] });

        Assert.Equal(["kms:RecipientAttestation:PCR0", "kms:RecipientAttestation:PCR3", "kms:RecipientAttestation:PCR4"], generation.Conditions.Select(c => c.Key.Name));
    }

    [Theory]
    [InlineData(16, "PCR16 is not in the Nitro Enclave attestation document")]
    [InlineData(32, "PCR32 has no KMS condition key")]
    public void A_pcr_the_source_cannot_give_is_a_typed_error(int pcr, string message)
    {
        var error = Assert.Throws<KmsPolicyGenerationException>(() =>
            KmsPolicyGenerator.Generate(TestDocuments.EvervaultEvidence, new KmsPolicyGenerationOptions { Pcrs = [pcr] }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_debug_mode_document_is_refused_unless_asked_for()
    {
        var error = Assert.Throws<KmsPolicyGenerationException>(() => KmsPolicyGenerator.Generate(TestDocuments.NitriteEvidence));
        Assert.Contains("debug-mode enclave", error.Message, StringComparison.Ordinal);

        var generation = KmsPolicyGenerator.Generate(TestDocuments.NitriteEvidence, new KmsPolicyGenerationOptions { AllowDebugModeZeros = true });
        Assert.Contains(generation.Notes, n => n.StartsWith("DEBUG MODE", StringComparison.Ordinal));
    }

    [Fact]
    public void From_nitro_cli_measurements()
    {
        var measurements = ExpectedMeasurements.Parse($$"""
            {"Measurements": {"HashAlgorithm": "Sha384 { ... }", "PCR0": "{{TestDocuments.EvervaultPcr(0)}}", "PCR1": "{{TestDocuments.EvervaultPcr(1)}}", "PCR2": "{{TestDocuments.EvervaultPcr(2)}}"} }
            """);

        var generation = KmsPolicyGenerator.Generate(AttestationEvidence.FromMeasurements(measurements), new KmsPolicyGenerationOptions { Principal = Policies.Role });

        Assert.Equal([0, 1, 2], generation.Conditions.Select(c => c.Key.PcrIndex));
        Assert.Contains(generation.Notes, n => n.Contains("not signed", StringComparison.Ordinal));
        // Measurements of the image that produced the evervault document admit it.
        Assert.True(KeyPolicyChecker.Check(Policies.Of(generation.KeyPolicyStatementJson), TestDocuments.EvervaultEvidence).GateAdmitsDocument);
    }

    [Fact]
    public void From_explicit_nitrotpm_values_it_uses_nitrotpm_keys()
    {
        var pcr4 = new byte[48];
        pcr4[0] = 0x4a;
        var evidence = AttestationEvidence.FromValues(AttestationDocumentKind.NitroTpm, [new(4, pcr4), new(12, new byte[48])]);

        var generation = KmsPolicyGenerator.Generate(evidence);

        Assert.Equal(["kms:RecipientAttestation:NitroTPMPCR4", "kms:RecipientAttestation:NitroTPMPCR12"], generation.Conditions.Select(c => c.Key.Name));
        Assert.StartsWith("4a00", generation.Conditions[0].Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AttestationDocumentKind.NitroTpm, 24)]
    [InlineData(AttestationDocumentKind.NitroEnclave, 32)]
    [InlineData(AttestationDocumentKind.NitroEnclave, -1)]
    public void Explicit_values_outside_the_platform_range_are_refused(AttestationDocumentKind platform, int index) =>
        Assert.Throws<KmsEvidenceException>(() => AttestationEvidence.FromValues(platform, [new(index, new byte[48])]));
}
