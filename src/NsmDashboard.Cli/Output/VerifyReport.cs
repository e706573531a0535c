using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>A verification result with where the document came from, for <c>verify</c>'s writers.</summary>
internal sealed record VerifyReport(AttestationVerificationResult Result, string Source, string InputFormat, int Length)
{
    /// <summary>What the expected measurements leave open (a NitroTPM set without PCR7 or PCR12).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The validation time, how it was chosen and why.</summary>
    public required AttestationValidationTime ValidationTime { get; init; }

    /// <summary>How the root was chosen when none was named; <see langword="null"/> when one was.</summary>
    public AttestationTrustRootChoice? RootChoice { get; init; }

    /// <summary>When the document failed only because its certificates expired since it was issued: why, and what to do.</summary>
    public string? Advice => AttestationValidationTime.ExpiredAdvice(Result) is { } advice
        ? $"{advice} To do that: nsm verify {Source} --at document"
        : null;

    /// <summary>The validation-time kind used in JSON: <c>now</c>, <c>document</c>, <c>specified</c>.</summary>
    public static string TimeKindName(AttestationValidationTimeKind kind) => kind switch
    {
        AttestationValidationTimeKind.Now => "now",
        AttestationValidationTimeKind.DocumentTimestamp => "document",
        _ => "specified",
    };

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
