namespace NsmDashboard.Attestation.Tests;

/// <summary>The same PCR index means different registers in the two kinds, and every meaning names a public source.</summary>
public sealed class PcrMeaningsTests
{
    [Theory]
    [InlineData(AttestationDocumentKind.NitroEnclave, 0, "Enclave image")]
    [InlineData(AttestationDocumentKind.NitroEnclave, 4, "Instance ID")]
    [InlineData(AttestationDocumentKind.NitroEnclave, 16, "Application (free)")]
    [InlineData(AttestationDocumentKind.NitroEnclave, 32, "Unknown")]
    [InlineData(AttestationDocumentKind.NitroTpm, 0, "Firmware code")]
    [InlineData(AttestationDocumentKind.NitroTpm, 1, "Firmware data")]
    [InlineData(AttestationDocumentKind.NitroTpm, 4, "Boot loader / UKI")]
    [InlineData(AttestationDocumentKind.NitroTpm, 7, "Secure Boot policy")]
    [InlineData(AttestationDocumentKind.NitroTpm, 12, "Command line / credentials (stub)")]
    [InlineData(AttestationDocumentKind.NitroTpm, 17, "DRTM (unused)")]
    [InlineData(AttestationDocumentKind.NitroTpm, 22, "DRTM (unused)")]
    [InlineData(AttestationDocumentKind.NitroTpm, 23, "Application support")]
    [InlineData(AttestationDocumentKind.NitroTpm, 24, "Unknown")]
    public void Titles_follow_the_kind(AttestationDocumentKind kind, int index, string title) =>
        Assert.Equal(title, AttestationPcrMeanings.Title(kind, index));

    [Fact]
    public void Every_pcr_of_either_kind_has_a_meaning_with_an_openable_source()
    {
        foreach (var kind in AttestationDocumentKinds.All)
        {
            for (var index = 0; index < AttestationDocumentKinds.PcrCountOf(kind); index++)
            {
                var meaning = AttestationPcrMeanings.Of(kind, index);
                Assert.NotEqual("Unknown", meaning.Title);
                Assert.False(string.IsNullOrWhiteSpace(meaning.Description));
                Assert.Contains("https://", meaning.Source, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_policy_pcrs_of_nitro_tpm_pcr_compute_say_they_are_kms_condition_keys()
    {
        foreach (var index in new[] { 4, 7, 12 })
        {
            Assert.Contains($"NitroTPMPCR{index}", AttestationPcrMeanings.Description(AttestationDocumentKind.NitroTpm, index), StringComparison.Ordinal);
        }
    }
}
