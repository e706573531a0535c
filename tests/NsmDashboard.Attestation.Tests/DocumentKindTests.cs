namespace NsmDashboard.Attestation.Tests;

/// <summary>
/// The kind is decided from the payload, before any rule that depends on it: both PCR maps, neither, or a module_id
/// that claims the other kind is a clear failure, even when the document is properly signed.
/// </summary>
public sealed class DocumentKindTests(TestChainFixture chain) : IClassFixture<TestChainFixture>
{
    private AttestationVerificationResult Verify(byte[] document) =>
        chain.ColdVerifier.Verify(document, chain.Ca.ValidAt);

    [Fact]
    public void Signed_nitrotpm_document_of_the_test_chain_verifies()
    {
        var result = Verify(chain.Build(b => b.AsNitroTpm()));
        Verdicts.AssertValid(result);
        Assert.Equal(AttestationDocumentKind.NitroTpm, result.Document!.Kind);
    }

    [Fact]
    public void Document_with_both_pcr_maps_fails_its_kind()
    {
        var result = Verify(chain.Build(b => b.NitroTpmPcrs = Builders.TestDocumentBuilder.DefaultNitroTpmPcrs()));

        var check = Verdicts.AssertFails(result, AttestationFailure.KindInvalid, AttestationCheckId.DocumentKind);
        Assert.Contains("both pcrs and nitrotpm_pcrs", check.Evidence, StringComparison.Ordinal);
        Assert.Null(result.Document!.Kind);
        Assert.Null(result.Document.KindPcrs);
        Assert.Equal(AttestationCheckStatus.Failed, result.GetCheck(AttestationCheckId.MandatoryFields).Status);
        Assert.Equal(AttestationCheckStatus.Skipped, result.GetCheck(AttestationCheckId.Pcrs).Status);
        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.CoseSignature).Status);
    }

    [Fact]
    public void Document_with_neither_pcr_map_fails_its_kind()
    {
        var result = Verify(chain.Build(b => b.WritePcrs = false));
        var check = Verdicts.AssertFails(result, AttestationFailure.KindInvalid, AttestationCheckId.DocumentKind);
        Assert.Contains("neither pcrs", check.Evidence, StringComparison.Ordinal);
        Assert.Contains(result.GetCheck(AttestationCheckId.MandatoryFields).Details, d => d.Label == "pcrs / nitrotpm_pcrs" && d.Value == "neither is present");
    }

    [Theory]
    [InlineData(false, "i-0123456789abcdef0-tpm0000000000000000")]
    [InlineData(true, "i-0123456789abcdef0-enc0123456789abcdef")]
    public void Module_id_claiming_the_other_kind_fails(bool tpm, string moduleId)
    {
        var result = Verify(chain.Build(b =>
        {
            if (tpm)
            {
                b.AsNitroTpm();
            }

            b.ModuleId = moduleId;
        }));
        var check = Verdicts.AssertFails(result, AttestationFailure.KindInvalid, AttestationCheckId.DocumentKind);
        Assert.Contains("the kind is contradictory", check.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my-enclave")]
    [InlineData("i-0123456789abcdef0-tpm00")]
    [InlineData("i-0123456789abcdef0-tpmzzzzzzzzzzzzzzzz")]
    public void Module_id_claiming_no_kind_is_noted_not_failed(string moduleId)
    {
        var result = Verify(chain.Build(b => b.ModuleId = moduleId));
        Verdicts.AssertValid(result);
        Assert.Contains("claims no kind", result.GetCheck(AttestationCheckId.DocumentKind).Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(23, 48, true)]
    [InlineData(24, 48, false)]
    [InlineData(5, 32, false)]
    [InlineData(5, 64, false)]
    public void Nitrotpm_pcr_rules_follow_the_tpm_bank(int index, int length, bool ok)
    {
        var result = Verify(chain.Build(b =>
        {
            b.AsNitroTpm();
            b.NitroTpmPcrs![index] = new byte[length];
        }));
        if (ok)
        {
            Verdicts.AssertValid(result);
        }
        else
        {
            Verdicts.AssertFails(result, AttestationFailure.SyntaxInvalid, AttestationCheckId.Pcrs);
        }
    }

    [Fact]
    public void Nitrotpm_document_missing_a_pcr_fails_the_pcr_rule()
    {
        var result = Verify(chain.Build(b =>
        {
            b.AsNitroTpm();
            b.NitroTpmPcrs!.Remove(12);
        }));
        var check = Verdicts.AssertFails(result, AttestationFailure.SyntaxInvalid, AttestationCheckId.Pcrs);
        Assert.Contains("PCR12 is missing", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Nitrotpm_pcr0_of_zeros_is_not_debug_mode()
    {
        var result = Verify(chain.Build(b =>
        {
            b.AsNitroTpm();
            b.NitroTpmPcrs![0] = new byte[48];
        }));
        Verdicts.AssertValid(result);
        Assert.False(result.Document!.IsDebugMode);
    }

    [Fact]
    public void Null_nitrotpm_pcrs_decides_the_kind_and_fails_mandatory_fields()
    {
        var result = Verify(chain.Build(b =>
        {
            b.AsNitroTpm();
            b.NitroTpmPcrs = null;
            b.ExtraEntries.Add(("nitrotpm_pcrs", [0xf6]));
        }));
        Assert.Equal(AttestationDocumentKind.NitroTpm, result.Document!.Kind);
        var check = Verdicts.AssertFails(result, AttestationFailure.SyntaxInvalid, AttestationCheckId.MandatoryFields);
        Assert.Contains("nitrotpm_pcrs is null", check.Evidence, StringComparison.Ordinal);
    }
}
