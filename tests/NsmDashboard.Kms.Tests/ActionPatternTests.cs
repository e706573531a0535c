namespace NsmDashboard.Kms.Tests;

public sealed class ActionPatternTests
{
    [Theory]
    [InlineData("kms:Decrypt", "kms:Decrypt", true)]
    [InlineData("KMS:decrypt", "kms:Decrypt", true)]
    [InlineData("kms:*", "kms:Decrypt", true)]
    [InlineData("*", "kms:GenerateRandom", true)]
    [InlineData("kms:Decrypt*", "kms:Decrypt", true)]
    [InlineData("kms:GenerateDataKey*", "kms:GenerateDataKeyPair", true)]
    [InlineData("kms:GenerateDataKey*", "kms:GenerateDataKey", true)]
    [InlineData("kms:Gen?rateRandom", "kms:GenerateRandom", true)]
    [InlineData("kms:GenerateDataKey", "kms:GenerateDataKeyPair", false)]
    [InlineData("kms:Encrypt", "kms:Decrypt", false)]
    [InlineData("kms:*Secret", "kms:DeriveSharedSecret", true)]
    [InlineData("s3:*", "kms:Decrypt", false)]
    [InlineData("kms:De?", "kms:Decrypt", false)]
    public void Iam_action_matching(string pattern, string action, bool expected) =>
        Assert.Equal(expected, ActionPattern.Matches(pattern, action));
}
