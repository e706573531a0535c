using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>A verification result with where the document came from, for <c>verify</c>'s writers.</summary>
internal sealed record VerifyReport(AttestationVerificationResult Result, string Source, string InputFormat, int Length)
{
    /// <summary>What the expected measurements leave open (a NitroTPM set without PCR7 or PCR12).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The document kind for people: <c>NitroTPM instance (nitrotpm_pcrs)</c>, or why there is none.</summary>
    public string KindText => DocumentKindText.Of(Result.Document, Result.DecodeError is not null);

    /// <summary>The status word used in JSON: <c>passed</c>, <c>failed</c>, <c>not_applicable</c>, <c>skipped</c>.</summary>
    public static string StatusName(AttestationCheckStatus status) => status switch
    {
        AttestationCheckStatus.Passed => "passed",
        AttestationCheckStatus.Failed => "failed",
        AttestationCheckStatus.NotApplicable => "not_applicable",
        _ => "skipped",
    };

    /// <summary>The root kind used in JSON: <c>aws</c>, <c>emulator</c>, <c>custom</c>.</summary>
    public static string RootKindName(AttestationTrustRootKind kind) => kind switch
    {
        AttestationTrustRootKind.Aws => "aws",
        AttestationTrustRootKind.Emulator => "emulator",
        _ => "custom",
    };

    /// <summary>One line saying what the verdict means, naming the root (an emulator document is never "from AWS").</summary>
    public string Verdict => Result.FirstFailure is { } failure
        ? $"INVALID ({failure.Failure}): {failure.Name}: {failure.Evidence}"
        : Result.TrustRoot.Kind switch
        {
            AttestationTrustRootKind.Aws => $"VALID: chains to the {Result.TrustRoot.Name}; the document comes from AWS Nitro hardware",
            AttestationTrustRootKind.Emulator => $"VALID against the emulator root ({Result.TrustRoot.Subject}); NOT rooted in AWS",
            _ => $"VALID against the custom root {Result.TrustRoot.Name} ({Result.TrustRoot.Subject}); NOT rooted in AWS",
        };
}
