namespace NsmDashboard.Attestation.Tests;

/// <summary>Assertions on verification results that print the whole check list when they fail.</summary>
internal static class Verdicts
{
    public static void AssertValid(AttestationVerificationResult result)
    {
        Assert.True(result.IsValid, Describe(result));
        Assert.Equal(AttestationFailure.None, result.Failure);
        Assert.All(result.Checks, c => Assert.True(c.Status is AttestationCheckStatus.Passed or AttestationCheckStatus.NotApplicable, c.ToString()));
        AssertShape(result);
    }

    public static AttestationCheck AssertFails(AttestationVerificationResult result, AttestationFailure failure, AttestationCheckId check)
    {
        Assert.False(result.IsValid, Describe(result));
        Assert.False(result.IsRootedInAws);
        Assert.True(failure == result.Failure, $"expected {failure}, got {result.Failure}\n{Describe(result)}");
        var first = result.FirstFailure!;
        Assert.Equal(check, first.Id);
        Assert.Equal(AttestationCheckStatus.Failed, first.Status);
        Assert.False(string.IsNullOrWhiteSpace(first.Evidence));
        AssertShape(result);
        return first;
    }

    /// <summary>Every result lists every check once, in the documented order.</summary>
    public static void AssertShape(AttestationVerificationResult result)
    {
        Assert.Equal(AttestationChecks.All, result.Checks.Select(c => c.Id));
        Assert.Equal(AttestationCheckStatus.NotApplicable, result.GetCheck(AttestationCheckId.Revocation).Status);
    }

    /// <summary>The comparable part of a verdict: each check's id, status and failure.</summary>
    public static string Signature(AttestationVerificationResult result) =>
        string.Join("; ", result.Checks.Select(c => $"{c.Id}:{c.Status}:{c.Failure}"));

    public static string Describe(AttestationVerificationResult result) =>
        result + "\n" + string.Join("\n", result.Checks.Select(c => "  " + c));
}
