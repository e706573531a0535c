namespace NsmDashboard.Kms.Tests;

public sealed class ConditionKeyClassifierTests
{
    [Theory]
    [InlineData("kms:RecipientAttestation:ImageSha384", "kms:RecipientAttestation:ImageSha384")]
    [InlineData("KMS:recipientattestation:IMAGESHA384", "kms:RecipientAttestation:ImageSha384")] // key names are case-insensitive in IAM
    [InlineData("kms:RecipientAttestation:ImageSHA384", "kms:RecipientAttestation:ImageSha384")]
    [InlineData("kms:RecipientAttestation:PCR0", "kms:RecipientAttestation:PCR0")]
    [InlineData("kms:RecipientAttestation:pcr31", "kms:RecipientAttestation:PCR31")]
    [InlineData("kms:RecipientAttestation:NitroTPMPCR4", "kms:RecipientAttestation:NitroTPMPCR4")]
    [InlineData("kms:RecipientAttestation:nitrotpmpcr23", "kms:RecipientAttestation:NitroTPMPCR23")]
    public void Documented_keys_are_recognised_in_any_case(string written, string canonical)
    {
        var result = ConditionKeyClassifier.Classify(written);

        Assert.Equal(ConditionKeyClass.Attestation, result.Class);
        Assert.Equal(canonical, result.Key!.Name);
    }

    [Theory]
    [InlineData("kms:RecipientAttestation:PCR99", "Nitro Enclaves have PCR0–PCR31", null)]
    [InlineData("kms:RecipientAttestation:PCR32", "Nitro Enclaves have PCR0–PCR31", null)]
    [InlineData("kms:RecipientAttestation:NitroTPMPCR24", "NitroTPM has PCR0–PCR23", null)]
    [InlineData("kms:RecipientAttestation:PCR00", "without leading zeros", "kms:RecipientAttestation:PCR0")]
    [InlineData("kms:RecipientAttestation:ImageSha256", "not a documented measurement", "kms:RecipientAttestation:ImageSha384")]
    [InlineData("kms:RecipientAttestation:PCR_0", "not a documented measurement", "kms:RecipientAttestation:PCR0")]
    [InlineData("kms:RecipientAttestation:PCR", "not a documented measurement", null)]
    [InlineData("kms:RecipientAttestation:", "names no measurement", null)]
    [InlineData("kms:RecipientAttestation", "no key 'kms:RecipientAttestation' on its own", null)]
    [InlineData("kms:RecipientAttestations:PCR1", "documented keys start with", "kms:RecipientAttestation:PCR1")]
    [InlineData("RecipientAttestation:PCR2", "documented keys start with", "kms:RecipientAttestation:PCR2")]
    [InlineData("aws:RecipientAttestation:ImageSha384", "documented keys start with", "kms:RecipientAttestation:ImageSha384")]
    [InlineData("kms:Attestation:NitroTPMPCR7", "documented keys start with", "kms:RecipientAttestation:NitroTPMPCR7")]
    public void Near_misses_are_unknown_attestation_keys_with_the_reason(string written, string problem, string? suggestion)
    {
        var result = ConditionKeyClassifier.Classify(written);

        Assert.Equal(ConditionKeyClass.UnknownAttestation, result.Class);
        Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
        Assert.Equal(suggestion, result.Suggestion?.Name);
    }

    [Theory]
    [InlineData("aws:PrincipalArn")]
    [InlineData("kms:EncryptionContext:purpose")]
    [InlineData("kms:ViaService")]
    [InlineData("aws:SourceVpce")]
    public void Other_keys_are_left_to_the_request(string written) =>
        Assert.Equal(ConditionKeyClass.Other, ConditionKeyClassifier.Classify(written).Class);
}
